namespace Actors.Bench.Cluster;

/// <summary>
/// Callers keeping a cluster busy: caller i calls echo grain i (keys below 1,000,000, so apart from the grains the
/// benchmarks single out), each call limited to 2 s, a failed call followed by a 10 ms pause and, if given, every
/// successful call by <c>pause</c> (zero: as fast as the cluster answers). Counts calls and failures.
/// </summary>
internal sealed class BackgroundLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _callers;
    private long _calls;
    private long _failures;

    private BackgroundLoad(IGrainFactory grains, int callers, TimeSpan pause)
    {
        var text = new string('l', ClusterCallsBenchmark.TextBytes);
        _callers = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var grain = grains.GetGrain<IClusterEchoGrain>(caller);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await grain.Echo(text).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                    Interlocked.Increment(ref _calls);
                    if (pause > TimeSpan.Zero)
                        await Task.Delay(pause);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref _failures);
                    await Task.Delay(10);
                }
            }
        })).ToArray();
    }

    public long Calls => Interlocked.Read(ref _calls);

    public long Failures => Interlocked.Read(ref _failures);

    public static BackgroundLoad Start(IGrainFactory grains, int callers, TimeSpan pause) => new(grains, callers, pause);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
        _stop.Dispose();
    }
}
