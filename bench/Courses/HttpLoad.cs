using System.Diagnostics;
using System.Net;

namespace Actors.Bench.Courses;

/// <summary>
/// HTTP load on one subject (a URL and how to send to it) from this process: one <see cref="SocketsHttpHandler"/> with
/// <c>connections</c> connections (MaxConnectionsPerServer) and as many tasks, each sending GET and reading the whole
/// body in a loop. <see cref="WarmUpAsync"/> runs 1 s on the same connections; <see cref="RunAsync"/> may be called
/// several times (the benchmark interleaves subjects, so drift on a shared machine hits them alike) and accumulates
/// requests, time and every request's latency (send to last body byte). Any answer other than the expected status (or,
/// for 200, the expected body length) fails the measurement. It also adds up the processor time (user + system, from the
/// OS) that this process (the client) and the serving process used meanwhile, when the server is a process of its own.
/// </summary>
internal sealed class HttpLoad(string subject, Uri uri, Action<HttpRequestMessage> configure, HttpStatusCode expected, long? expectedBodyLength, int connections,
    int? serverProcessId = null)
    : IDisposable
{
    private readonly SocketsHttpHandler _handler = new()
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    };

    private const int SamplesPerConnection = 16 * 1024;

    private readonly LatencyRecorder _recorder = new(SamplesPerConnection);
    private long _requests;
    private TimeSpan _elapsed;
    private TimeSpan _clientProcessorTime;
    private TimeSpan _serverProcessorTime;

    public string Subject => subject;

    private Task WarmUpAsync() => RunLoopsAsync(TimeSpan.FromSeconds(1), new LatencyRecorder(SamplesPerConnection));

    /// <summary>Warms every load, then measures them <paramref name="duration"/> each, in <paramref name="rounds"/> slices
    /// taken in turn (so drift of the machine falls on all of them alike).</summary>
    public static async Task MeasureInTurnsAsync(IReadOnlyList<HttpLoad> loads, TimeSpan duration, int rounds)
    {
        foreach (var load in loads)
            await load.WarmUpAsync();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var load in loads)
                await load.RunAsync(duration / rounds);
        }
    }

    public async Task RunAsync(TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        var (client, server) = (ProcessorTime.OfThisProcess(), ServerProcessorTime());
        _requests += await RunLoopsAsync(duration, _recorder);
        _elapsed += Stopwatch.GetElapsedTime(started);
        _clientProcessorTime += ProcessorTime.OfThisProcess() - client;
        _serverProcessorTime += ServerProcessorTime() - server;
    }

    /// <summary>Processor time per request in this process and, when it is a process of its own, in the server.</summary>
    public RequestCost Cost() => new(subject, _clientProcessorTime.TotalMicroseconds / _requests,
        serverProcessId is null ? null : _serverProcessorTime.TotalMicroseconds / _requests);

    private TimeSpan ServerProcessorTime() => serverProcessId is { } id ? ProcessorTime.Of(id) : TimeSpan.Zero;

    /// <summary>Everything <see cref="RunAsync"/> measured so far.</summary>
    public Measurement Result()
    {
        var (p50, p99) = _recorder.Percentiles();
        var result = new Measurement(subject, connections, _requests, _elapsed, p50, p99);
        var cost = Cost();
        Console.WriteLine($"  {subject,-58} {result.PerSecond,10:N0} requests/s  p50={p50.TotalMilliseconds,6:N2} ms  p99={p99.TotalMilliseconds,6:N2} ms  " +
                          $"CPU µs/request: client {cost.ClientMicroseconds:N1}, server {cost.ServerMicroseconds?.ToString("N1") ?? "(in the client)"}");
        return result;
    }

    public void Dispose() => _handler.Dispose();

    private async Task<long> RunLoopsAsync(TimeSpan duration, LatencyRecorder recorder)
    {
        using var client = new HttpMessageInvoker(_handler, disposeHandler: false);
        using var stop = new CancellationTokenSource();
        long total = 0;
        var tasks = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var samples = recorder.ForCaller();
            var buffer = new byte[64 * 1024];
            long count = 0;
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                configure(request);
                using var response = await client.SendAsync(request, CancellationToken.None);
                long length = 0;
                await using (var body = await response.Content.ReadAsStreamAsync())
                {
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0)
                        length += read;
                }

                samples.Add(Stopwatch.GetTimestamp() - start);
                if (response.StatusCode != expected || (expected == HttpStatusCode.OK && expectedBodyLength is { } l && length != l))
                    throw new InvalidOperationException($"{uri}: {(int)response.StatusCode} with {length} bytes; expected {(int)expected}" +
                                                        (expectedBodyLength is null ? "" : $" with {expectedBodyLength} bytes") + ".");
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToArray();
        await Task.Delay(duration);
        stop.Cancel();
        await Task.WhenAll(tasks);
        return total;
    }
}

/// <summary>Processor time per request of one subject: in the client process, and in the server when it runs apart.</summary>
internal sealed record RequestCost(string Subject, double ClientMicroseconds, double? ServerMicroseconds);
