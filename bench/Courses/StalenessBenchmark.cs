using System.Diagnostics;
using Actors.Grains;
using Actors.Grains.Courses;
using Actors.Grains.Courses.Collect;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench.Courses;

/// <summary>One publish under readers.</summary>
/// <param name="Version">The version published (readers had <c>Version - 1</c>).</param>
/// <param name="Publish">How long the publish call took (store content and overview, schedule the rebuild).</param>
/// <param name="EveryReader">From the end of the publish call until every reader has received the new version: the
/// latest, over readers, of the end of that reader's first read returning it.</param>
/// <param name="LastStaleStart">From the end of the publish call to the start of the last read that still returned the
/// previous version (every read started later returned the new one).</param>
/// <param name="Rebuild">The collect as the grain measured it (<see cref="CourseRebuildStatus.LastRebuildDuration"/>),
/// under the same read load.</param>
/// <param name="Reads">Reads completed by all readers between the end of the publish call and the end of the round.</param>
/// <param name="BackwardsReads">Reads that returned the previous version after the same reader had seen the new one (must be 0).</param>
internal sealed record StalenessRound(long Version, TimeSpan Publish, TimeSpan EveryReader, TimeSpan LastStaleStart, TimeSpan Rebuild, long Reads, long BackwardsReads);

/// <summary>The staleness measurement.</summary>
/// <param name="Blocks">Blocks in the course.</param>
/// <param name="Readers">Concurrent reader loops.</param>
/// <param name="SettleTime">The grain's <see cref="CourseOptions.RebuildSettleTime"/> (part of the staleness by design).</param>
/// <param name="IdleCollect">Median collect time of the same course with no readers, measured in the same run.</param>
/// <param name="Rounds">The measured publishes.</param>
internal sealed record StalenessResult(int Blocks, int Readers, TimeSpan SettleTime, TimeSpan IdleCollect, List<StalenessRound> Rounds)
{
    public const double TargetMarginMilliseconds = 50;

    public static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Whether every round's staleness is within its own rebuild's collect time + 50 ms.</summary>
    public bool MeetsTargetEveryRound => Rounds.All(r => r.EveryReader.TotalMilliseconds <= r.Rebuild.TotalMilliseconds + TargetMarginMilliseconds);
}

/// <summary>
/// How long after a publish readers keep getting the old structure. An Orleans silo in this process (<see cref="InProcessSilo"/>: Open edX grains, memory
/// storage) holds a warm 10,000-block course; 64 reader loops call <see cref="ICourseGrain.GetStructureAsync"/> back to
/// back, each read timed (start, end, version returned). Each round publishes version N+1 and measures from the end of
/// <see cref="ICourseGrain.PublishAsync"/> (T) until every reader has received N+1 (the latest, over readers, of the end
/// of its first read returning N+1), and from T to the start of the last read that returned N. One warm-up round, then
/// <c>rounds</c> measured ones.
/// </summary>
internal static class StalenessBenchmark
{
    public const string CourseKey = "course-v1:BenchX+Staleness10k+2026";
    public const int Readers = 64;

    public static async Task<StalenessResult> RunAsync(int rounds = 5)
    {
        var idleCollect = MeasureIdleCollect();
        Console.WriteLine($"  collect of the course with no readers: median {idleCollect.TotalMilliseconds:N1} ms");

        await using var silo = await InProcessSilo.StartAsync();
        var settle = silo.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CourseOptions>>().Value.RebuildSettleTime;
        var course = silo.Grains.GetGrain<ICourseGrain>(CourseKey);
        await course.PublishAsync(CollectBenchmark.BuildCourse(CourseKey));
        await WaitForStructureAsync(course, 1);

        var slots = Enumerable.Range(0, Readers).Select(_ => new ReaderSlot(rounds + 1)).ToArray();
        var state = new RoundState();
        var readers = slots.Select(slot => Task.Run(() => ReadLoopAsync(course, slot, state))).ToArray();
        await Task.Delay(500); // readers warm

        var results = new List<StalenessRound>();
        for (var round = 0; round <= rounds; round++)
        {
            var result = await PublishRoundAsync(course, slots, state, round);
            if (round == 0)
            {
                Console.WriteLine($"  warm-up round: every reader had version {result.Version} {result.EveryReader.TotalMilliseconds:N1} ms after the publish returned");
            }
            else
            {
                results.Add(result);
                Console.WriteLine($"  version {result.Version}: publish call {result.Publish.TotalMilliseconds:N1} ms; every reader had it after " +
                                  $"{result.EveryReader.TotalMilliseconds:N1} ms (last stale read started at {result.LastStaleStart.TotalMilliseconds:N1} ms); " +
                                  $"rebuild (collect under load) {result.Rebuild.TotalMilliseconds:N1} ms; {result.Reads:N0} reads; backwards {result.BackwardsReads}");
            }

            await Task.Delay(300);
        }

        state.Stop = true;
        await Task.WhenAll(readers);
        return new StalenessResult(CollectBenchmark.Blocks, Readers, settle, idleCollect, results);
    }

    private static async Task<StalenessRound> PublishRoundAsync(ICourseGrain course, ReaderSlot[] slots, RoundState state, int round)
    {
        var before = await course.GetRebuildStatusAsync();
        var version = before.PublishedVersion + 1;
        var content = CollectBenchmark.BuildCourse(CourseKey, $"Benchmark Course, round {round}");
        var readsBefore = slots.Sum(s => Volatile.Read(ref s.Reads));

        state.Current = new Round(round, version);
        var publishStarted = Stopwatch.GetTimestamp();
        var published = await course.PublishAsync(content);
        var publishEnded = Stopwatch.GetTimestamp();
        if (published.PublishedVersion != version)
            throw new InvalidOperationException($"Published {published.PublishedVersion}, expected {version}.");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (slots.Any(s => Volatile.Read(ref s.FirstNewEnd[round]) == 0))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not every reader saw version {version} within 60 s.");
            await Task.Delay(1);
        }

        var everyReader = slots.Max(s => Volatile.Read(ref s.FirstNewEnd[round]));
        var lastStale = slots.Max(s => Volatile.Read(ref s.LastOldStart[round]));
        var reads = slots.Sum(s => Volatile.Read(ref s.Reads)) - readsBefore;
        var backwards = slots.Sum(s => Volatile.Read(ref s.Backwards[round]));
        state.Current = null;
        var status = await WaitForStructureAsync(course, version);
        return new StalenessRound(version, Stopwatch.GetElapsedTime(publishStarted, publishEnded),
            Stopwatch.GetElapsedTime(publishEnded, everyReader), lastStale == 0 ? TimeSpan.Zero : Elapsed(publishEnded, lastStale),
            status.LastRebuildDuration ?? TimeSpan.Zero, reads, backwards);
    }

    /// <summary>Signed: negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    private static TimeSpan Elapsed(long from, long to) => TimeSpan.FromSeconds((to - from) / (double)Stopwatch.Frequency);

    private static async Task ReadLoopAsync(ICourseGrain course, ReaderSlot slot, RoundState state)
    {
        while (!state.Stop)
        {
            var round = state.Current;
            var start = Stopwatch.GetTimestamp();
            var structure = await course.GetStructureAsync();
            var end = Stopwatch.GetTimestamp();
            Volatile.Write(ref slot.Reads, slot.Reads + 1);
            if (round is null)
                continue;
            if (structure.Version < round.Version)
            {
                if (slot.FirstNewEnd[round.Index] != 0)
                    slot.Backwards[round.Index]++;
                Volatile.Write(ref slot.LastOldStart[round.Index], start);
            }
            else if (slot.FirstNewEnd[round.Index] == 0)
            {
                Volatile.Write(ref slot.FirstNewEnd[round.Index], end);
            }
        }
    }

    private static async Task<CourseRebuildStatus> WaitForStructureAsync(ICourseGrain course, long version)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await course.GetRebuildStatusAsync();
            if (status.StructureVersion >= version && !status.Rebuilding)
                return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Structure version {version} was not collected: {status}");
            await Task.Delay(5);
        }
    }

    private static TimeSpan MeasureIdleCollect()
    {
        var content = CollectBenchmark.BuildCourse(CourseKey);
        var times = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var started = Stopwatch.GetTimestamp();
            GC.KeepAlive(CourseCollector.Collect(CourseKey, i + 1, content));
            if (i >= 3)
                times.Add(Stopwatch.GetElapsedTime(started));
        }

        return StalenessResult.Median(times);
    }

    /// <summary>The round readers are in: its index and the version being published (null between rounds).</summary>
    private sealed record Round(int Index, long Version);

    private sealed class RoundState
    {
        private volatile Round? _current;
        private volatile bool _stop;

        public Round? Current
        {
            get => _current;
            set => _current = value;
        }

        public bool Stop
        {
            get => _stop;
            set => _stop = value;
        }
    }

    /// <summary>One reader's records, written only by that reader (per round: last stale read start, first new read end).</summary>
    private sealed class ReaderSlot(int rounds)
    {
        public long Reads;
        public readonly long[] LastOldStart = new long[rounds];
        public readonly long[] FirstNewEnd = new long[rounds];
        public readonly long[] Backwards = new long[rounds];
    }
}
