using System.Diagnostics;

namespace Actors.Bench;

/// <summary>A closed-loop load: each of a number of callers sends its next operation as soon as the previous one
/// answered, until the time is up, and every operation's latency is recorded.</summary>
internal static class ClosedLoop
{
    /// <summary>Runs <paramref name="callers"/> callers for <paramref name="duration"/>, each calling
    /// <paramref name="operation"/>(caller, i) with i counting that caller's operations in this run; answers how many
    /// operations completed.</summary>
    public static async Task<long> RunAsync(int callers, TimeSpan duration, LatencyRecorder recorder, Func<int, int, ValueTask> operation)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long total = 0;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var samples = recorder.ForCaller();
            var n = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(caller, n++);
                samples.Add(Stopwatch.GetTimestamp() - start);
            }

            Interlocked.Add(ref total, n);
        })));
        return total;
    }
}
