using System.Diagnostics;
using System.Net;
using Actors.Bench.Cluster;
using Actors.Runtime.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Bench.Transport;

/// <summary>
/// Request/response over loopback TCP, client and server in this process: <see cref="InFlight"/> callers share one
/// connection, each sending a <see cref="PayloadBytes"/>-byte request and awaiting its echo, for a fixed time; every
/// call's latency is recorded. The transport (<see cref="TransportConnections"/> against a <see cref="TransportListener"/>
/// echoing from its read loop) runs next to the baseline of the cluster benchmark, <see cref="RawFrameClient"/> against
/// <see cref="RawFrameEchoServer"/>: plain sockets with the same framing, in the same process and run.
/// </summary>
internal static class TransportBenchmark
{
    public const int InFlight = 256;
    public const int PayloadBytes = 64;

    public static async Task<List<Measurement>> RunAsync(TimeSpan duration)
    {
        var payload = new byte[PayloadBytes];
        Random.Shared.NextBytes(payload);
        await using var rawServer = RawFrameEchoServer.Start();
        await using var raw = await RawFrameClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, rawServer.Port));
        await using var server = new TransportEchoServer();
        await using var client = new TransportConnections(Options.Create(new TransportOptions()), TimeProvider.System, NullLoggerFactory.Instance);
        var connection = await client.GetConnectionAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
        Row[] rows =
        [
            new("raw socket echo (baseline)", _ => raw.CallAsync(payload)),
            new("Actors transport", _ => connection.SendRequestAsync(FrameType.Request, payload, TimeSpan.FromSeconds(30))),
        ];

        foreach (var row in rows)
            await ClusterCallsBenchmark.RunCallersAsync(row.Call, InFlight, TimeSpan.FromSeconds(1), new CallLatencies()); // warm-up
        for (var round = 0; round < ClusterCallsBenchmark.Rounds; round++)
        {
            foreach (var row in rows)
                await row.MeasureAsync(duration / ClusterCallsBenchmark.Rounds);
        }

        return rows.Select(row => row.Result()).ToList();
    }

    /// <summary>One row: a way to make a call and what its slices measured so far.</summary>
    private sealed class Row(string subject, Func<int, Task> call)
    {
        private readonly CallLatencies _latencies = new();
        private long _calls;
        private TimeSpan _elapsed;

        public Func<int, Task> Call => call;

        public async Task MeasureAsync(TimeSpan duration)
        {
            var started = Stopwatch.GetTimestamp();
            _calls += await ClusterCallsBenchmark.RunCallersAsync(call, InFlight, duration, _latencies);
            _elapsed += Stopwatch.GetElapsedTime(started);
        }

        public Measurement Result()
        {
            var (p50, p99) = _latencies.Percentiles();
            var result = new Measurement(subject, InFlight, _calls, _elapsed, p50, p99);
            Console.WriteLine($"  {subject,-32} in flight={InFlight} {result.PerSecond,12:N0} calls/s  p50={p50.TotalMicroseconds,8:N1} µs  p99={p99.TotalMicroseconds,8:N1} µs");
            return result;
        }
    }
}
