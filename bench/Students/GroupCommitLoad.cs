using System.Diagnostics;

namespace Actors.Bench.Students;

/// <summary>
/// One row of the group-commit benchmark: 64 callers each writing in a loop (<paramref name="write"/>(caller, n), n
/// counting that caller's writes over the whole run), every write's latency recorded, and the database's transactions
/// counted around each slice.
/// </summary>
internal sealed class GroupCommitLoad(string subject, GroupCommitWorkload workload, bool isGrain, Func<int, long, Task> write, TransactionCounter counter)
{
    private const int Callers = GroupCommitWorkload.Callers;
    private readonly LatencyRecorder _recorder = new(64 * 1024);
    private readonly long[] _next = new long[Callers];
    private long _writes;
    private long _transactions;
    private TimeSpan _elapsed;

    public GroupCommitWorkload Workload => workload;

    /// <summary>Every row written once (rows created, grains activated and their rows loaded), then 1 s of warm-up.</summary>
    public async Task PrimeAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < workload.RowsOf(caller); i++)
                await write(caller, _next[caller]++);
        })));
        await RunAsync(TimeSpan.FromSeconds(1), new LatencyRecorder(64 * 1024));
    }

    public async Task MeasureAsync(TimeSpan duration)
    {
        var before = await counter.ReadAsync();
        var started = Stopwatch.GetTimestamp();
        _writes += await RunAsync(duration, _recorder);
        _elapsed += Stopwatch.GetElapsedTime(started);
        _transactions += await counter.ReadAsync() - before;
    }

    public GroupCommitResult Result()
    {
        var (p50, p99) = _recorder.Percentiles();
        var result = new GroupCommitResult(new Measurement(subject, workload.Users, _writes, _elapsed, p50, p99), _transactions, isGrain);
        Console.WriteLine($"  {subject,-64} {result.Figures.PerSecond,8:N0} writes/s  p50={p50.TotalMilliseconds,7:N2} ms  " +
                          $"p99={p99.TotalMilliseconds,7:N2} ms  {result.TransactionsPerThousandWrites,6:N1} transactions/1,000 writes");
        return result;
    }

    private Task<long> RunAsync(TimeSpan duration, LatencyRecorder recorder) =>
        ClosedLoop.RunAsync(Callers, duration, recorder, (caller, _) => new ValueTask(write(caller, _next[caller]++)));
}

/// <summary>A row's figures, and the database transactions its measured writes took.</summary>
/// <param name="Figures">Writes, time, latency.</param>
/// <param name="Transactions">Transactions of the database during the row's slices (pg_stat_database).</param>
/// <param name="IsGrain">The product's row (else the baseline).</param>
internal sealed record GroupCommitResult(Measurement Figures, long Transactions, bool IsGrain)
{
    public double TransactionsPerThousandWrites => Figures.Operations == 0 ? 0 : Transactions * 1000.0 / Figures.Operations;
}
