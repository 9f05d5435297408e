using System.Collections.Concurrent;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Grains;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>
/// Concurrent callers incrementing counter grains through the cluster client until stopped. Per grain it counts the
/// acknowledged increments and the failed ones (whose outcome is unknown: the grain may have stored them), and it
/// keeps every failure's exception type.
/// </summary>
internal sealed class IncrementLoad
{
    private readonly TestCluster _cluster;
    private readonly string[] _keys;
    private readonly int[] _acknowledged;
    private readonly int[] _failed;
    private readonly CancellationTokenSource _stop = new();
    private Task _callers = Task.CompletedTask;

    public IncrementLoad(TestCluster cluster, IReadOnlyList<string> keys)
    {
        _cluster = cluster;
        _keys = keys.ToArray();
        _acknowledged = new int[_keys.Length];
        _failed = new int[_keys.Length];
    }

    public ConcurrentDictionary<string, int> FailuresByType { get; } = new();

    public ConcurrentQueue<Exception> Failures { get; } = new();

    public int Acknowledged(string key) => Volatile.Read(ref _acknowledged[Array.IndexOf(_keys, key)]);

    public int Failed(string key) => Volatile.Read(ref _failed[Array.IndexOf(_keys, key)]);

    public int TotalAcknowledged => _acknowledged.Sum();

    public void Start(int callers) =>
        _callers = Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(() => CallAsync(caller))));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _callers;
    }

    private async Task CallAsync(int caller)
    {
        for (var n = caller; !_stop.IsCancellationRequested; n++)
        {
            var index = n % _keys.Length;
            try
            {
                await _cluster.Client.GetGrain<ICounterGrain>(_keys[index]).Increment();
                Interlocked.Increment(ref _acknowledged[index]);
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref _failed[index]);
                FailuresByType.AddOrUpdate(exception.GetType().Name, 1, (_, count) => count + 1);
                Failures.Enqueue(exception);
            }
        }
    }
}
