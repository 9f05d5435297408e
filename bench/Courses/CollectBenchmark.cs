using System.Diagnostics;
using Actors.Grains.Courses.Collect;
using Actors.Grains.Courses.Content;

namespace Actors.Bench.Courses;

/// <summary>The figures of one collect measurement.</summary>
/// <param name="Blocks">Blocks in the course.</param>
/// <param name="Problems">Problems among them (each one's OLX is parsed for its max score).</param>
/// <param name="Runs">Timed collects.</param>
/// <param name="Median">Median collect time.</param>
/// <param name="Min">Fastest collect.</param>
/// <param name="Max">Slowest collect.</param>
/// <param name="StructureBytes">Managed heap growth from holding one collected structure (content kept alive on both sides).</param>
/// <param name="ContentBytes">Managed heap size of the published content itself, for scale.</param>
internal sealed record CollectResult(int Blocks, int Problems, int Runs, TimeSpan Median, TimeSpan Min, TimeSpan Max, long StructureBytes, long ContentBytes)
{
    public const double TargetMilliseconds = 200;
    public const double TargetMegabytes = 50;

    public double StructureMegabytes => StructureBytes / 1024.0 / 1024.0;
}

/// <summary>
/// <see cref="CourseCollector.Collect"/> of a generated 10,000-block course, on one thread, as the course grain runs it
/// off its turn: a few warm-up collects, then <c>runs</c> timed ones. Memory: <see cref="GC.GetTotalMemory(bool)"/> after a
/// full collection, before and after holding one <see cref="CollectedCourse"/>, with the content alive in both
/// measurements so only the structure is counted (it shares the content's usage-key strings and children lists, as the
/// grain's structure does).
/// </summary>
internal static class CollectBenchmark
{
    public const string CourseKey = "course-v1:BenchX+Collect10k+2026";
    public const int Blocks = 10_000;

    /// <summary>20 chapters × 10 sequentials × 16 verticals (a problem and an html each), plus 179 extra html blocks.</summary>
    public static CourseContent BuildCourse(string courseKey = CourseKey, string title = "Benchmark Course") =>
        GeneratedCourse.Build(courseKey, chapters: 20, sequentials: 10, verticals: 16, totalBlocks: Blocks, title: title);

    public static CollectResult Run(int runs = 10, int warmups = 5)
    {
        var content = BuildCourse();
        for (var i = 0; i < warmups; i++)
            CourseCollector.Collect(CourseKey, i + 1, content);

        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var collected = CourseCollector.Collect(CourseKey, i + 1, content);
            times.Add(Stopwatch.GetElapsedTime(started));
            GC.KeepAlive(collected);
        }

        times.Sort();
        var (structureBytes, contentBytes) = MeasureMemory();
        var result = new CollectResult(Blocks, content.Blocks.Count(b => b.Type == "problem"), runs, times[times.Count / 2], times[0], times[^1],
            structureBytes, contentBytes);
        Console.WriteLine($"  collect of {result.Blocks:N0} blocks ({result.Problems:N0} problems): median {result.Median.TotalMilliseconds:N1} ms, " +
                          $"min {result.Min.TotalMilliseconds:N1} ms, max {result.Max.TotalMilliseconds:N1} ms over {runs} runs");
        Console.WriteLine($"  collected structure: {result.StructureMegabytes:N2} MB ({structureBytes / (double)Blocks:N0} bytes/block); " +
                          $"the content itself: {contentBytes / 1024.0 / 1024.0:N2} MB");
        return result;
    }

    /// <summary>(structure bytes, content bytes), each as managed heap growth after a full, compacting collection.</summary>
    private static (long Structure, long Content) MeasureMemory()
    {
        var empty = SettledHeap();
        var content = BuildCourse();
        var withContent = SettledHeap();
        var collected = CourseCollector.Collect(CourseKey, 1, content);
        var withStructure = SettledHeap();
        GC.KeepAlive(collected);
        GC.KeepAlive(content);
        return (withStructure - withContent, withContent - empty);
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
