using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Actors.Grains;
using Actors.Grains.Courses;
using Actors.Grains.Courses.Collect;
using Actors.Grains.Courses.Navigation;
using Actors.Grains.Students;

namespace Actors.Bench.Courses;

/// <summary>One step of a navigation request, timed alone.</summary>
/// <param name="Step">What was timed.</param>
/// <param name="Time">Mean time per call, one caller.</param>
/// <param name="AllocatedBytes">Mean bytes allocated per call.</param>
internal sealed record NavigationStep(string Step, TimeSpan Time, double AllocatedBytes);

/// <summary>
/// Where a navigation request's time goes, outside HTTP: the same course, learner and completions as the HTTP
/// benchmark on an Orleans silo in this process (<see cref="InProcessSilo"/>, memory storage), and each step of the
/// API's navigation handler timed alone, one caller, after a warm-up, the median of 7 batch means: the two grain calls
/// the handler makes (the course's structure if changed since the version it holds, the learner's course state), a
/// whole-structure read for comparison, the completion rollup, the JSON writing (which includes the rollup), and the
/// copy of the written body into the array the result sends.
/// </summary>
internal static class NavigationCostBreakdown
{
    public static async Task<List<NavigationStep>> RunAsync()
    {
        var steps = new List<NavigationStep>();
        CollectedCourse structure = null!;
        CourseCompletion completion = null!;
        foreach (var withDashboard in new[] { false, true })
        {
            // One silo at a time: the dashboard's metrics listener would see every silo of the process.
            await using var silo = await InProcessSilo.StartAsync(withDashboard);
            var silos = withDashboard ? "silo with the dashboard's silo part, as the API's" : "silo without the dashboard";
            var key = NavigationHttpBenchmark.CourseKey;
            var content = NavigationHttpBenchmark.BuildCourse();
            var course = silo.Grains.GetGrain<ICourseGrain>(key);
            await course.PublishAsync(content);
            var learner = silo.Grains.GetGrain<IStudentModuleGrain>(NavigationHttpBenchmark.Learner);
            await learner.EnrollAsync(key, "audit", isActive: true);
            foreach (var block in NavigationHttpBenchmark.CompletedBlocks(content))
                await learner.PublishCompletionAsync(key, block.Id, block.Type, 1.0);
            structure = await course.GetStructureAsync();
            completion = await learner.GetCompletionAsync(key);
            var version = structure.Version;
            async Task TwoCallsAsync()
            {
                if (await course.GetStructureIfChangedAsync(version) is not null)
                    throw new InvalidOperationException("The structure changed during the breakdown.");
                await learner.GetCourseStateAsync(key);
            }

            steps.Add(await TimeAsync($"2 grain calls as the handler makes them (structure if changed: unchanged; learner's course state), one caller; {silos}", TwoCallsAsync));
            steps.Add(await TimeConcurrentAsync($"the same 2 grain calls, {ConcurrentCallers} concurrent callers: wall time per pair on the 2 cores; {silos}", TwoCallsAsync));
            if (withDashboard)
                steps.Add(await TimeAsync("1 grain call: GetStructureAsync (the whole structure; immutable, so not copied)", () => course.GetStructureAsync()));
        }

        var now = DateTimeOffset.UtcNow;
        bool LearnerSees(CollectedBlock block) => !block.VisibleToStaffOnly && (block.Start is null || block.Start <= now);
        steps.AddRange(
        [
            await TimeAsync("CompletionRollup.Compute (learner)", () =>
            {
                CompletionRollup.Compute(structure, completion, LearnerSees);
                return Task.CompletedTask;
            }),
            await TimeAsync("NavigationWriter.Write (learner; includes the rollup)", () =>
            {
                Write(structure, completion, isStaff: false, now);
                return Task.CompletedTask;
            }),
            await TimeAsync("NavigationWriter.Write (staff, no completion)", () =>
            {
                Write(structure, null, isStaff: true, now);
                return Task.CompletedTask;
            }),
        ]);
        var reused = new ArrayBufferWriter<byte>(256 * 1024);
        var reusedJson = new Utf8JsonWriter(reused, WriterOptions);
        steps.Add(await TimeAsync("NavigationWriter.Write (learner) into a reused 256 KB buffer", () =>
        {
            reused.ResetWrittenCount();
            reusedJson.Reset(reused);
            NavigationWriter.Write(reusedJson, structure, completion, isStaff: false, now);
            reusedJson.Flush();
            return Task.CompletedTask;
        }));
        var body = Write(structure, completion, isStaff: false, now);
        steps.Add(await TimeAsync($"body copy (WrittenMemory.ToArray, {body.WrittenCount:N0} bytes)", () =>
        {
            GC.KeepAlive(body.WrittenMemory.ToArray());
            return Task.CompletedTask;
        }));

        foreach (var step in steps)
            Console.WriteLine($"  {step.Step,-62} {step.Time.TotalMicroseconds,10:N1} µs  {step.AllocatedBytes,12:N0} bytes allocated");
        return steps;
    }

    /// <summary>As the API's handler (src/Api/Courses/NavigationApi.cs) writes the body: the same initial buffer, the same
    /// writer options (usage keys' '+' left unescaped).</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static ArrayBufferWriter<byte> Write(CollectedCourse structure, CourseCompletion? completion, bool isStaff, DateTimeOffset now)
    {
        var body = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(body, WriterOptions))
            NavigationWriter.Write(json, structure, completion, isStaff, now);
        return body;
    }

    private const int ConcurrentCallers = 64;

    /// <summary>Wall time per call of <paramref name="call"/> with <see cref="ConcurrentCallers"/> callers in a loop
    /// (after 1 s of warm-up, 2 s measured), and bytes allocated per call: the cost per call when the cores are busy, as
    /// under the HTTP benchmark's 64 connections.</summary>
    private static async Task<NavigationStep> TimeConcurrentAsync(string step, Func<Task> call)
    {
        async Task<long> RunAsync(TimeSpan duration)
        {
            long calls = 0;
            var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(Enumerable.Range(0, ConcurrentCallers).Select(_ => Task.Run(async () =>
            {
                long mine = 0;
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    await call();
                    mine++;
                }

                Interlocked.Add(ref calls, mine);
            })));
            return calls;
        }

        await RunAsync(TimeSpan.FromSeconds(1));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var made = await RunAsync(TimeSpan.FromSeconds(2));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new NavigationStep(step, elapsed / made, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)made);
    }

    /// <summary>The median, over 7 batches of about 100 ms each, of the mean time per call (robust to a busy neighbour).</summary>
    private static async Task<NavigationStep> TimeAsync(string step, Func<Task> call)
    {
        // Warm-up long enough for tiered compilation to reach its optimized code.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 300 || warmUp.ElapsedMilliseconds < 1000; i++)
            await call();
        var probe = Stopwatch.StartNew();
        var calls = 0;
        while (probe.ElapsedMilliseconds < 20)
        {
            await call();
            calls++;
        }

        var perBatch = Math.Max(20, calls * 5);
        var batches = new List<(TimeSpan Time, double Bytes)>();
        for (var batch = 0; batch < 7; batch++)
        {
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < perBatch; i++)
                await call();
            var elapsed = Stopwatch.GetElapsedTime(started);
            batches.Add((elapsed / perBatch, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)perBatch));
        }

        var median = batches.OrderBy(b => b.Time).ElementAt(batches.Count / 2);
        return new NavigationStep(step, median.Time, median.Bytes);
    }
}
