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
        var results = new List<Measurement>();

        await using (var rawServer = RawFrameEchoServer.Start())
        await using (var raw = await RawFrameClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, rawServer.Port)))
            results.Add(await MeasureAsync("raw socket echo (baseline)", () => raw.CallAsync(payload), duration));

        await using var server = new EchoServerCommand.TransportEchoServer();
        await using var client = new TransportConnections(Options.Create(new TransportOptions()), TimeProvider.System, NullLoggerFactory.Instance);
        var connection = await client.GetConnectionAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
        results.Add(await MeasureAsync("Actors transport", () => connection.SendRequestAsync(FrameType.Request, payload, TimeSpan.FromSeconds(30)), duration));
        return results;
    }

    private static async Task<Measurement> MeasureAsync<T>(string subject, Func<Task<T>> call, TimeSpan duration)
    {
        await RunCallersAsync(call, TimeSpan.FromSeconds(1), new CallLatencies()); // warm-up
        var recorder = new CallLatencies();
        var started = Stopwatch.GetTimestamp();
        var calls = await RunCallersAsync(call, duration, recorder);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (p50, p99) = recorder.Percentiles();
        var result = new Measurement(subject, InFlight, calls, elapsed, p50, p99);
        Console.WriteLine($"  {subject,-32} in flight={InFlight} {result.PerSecond,12:N0} calls/s  p50={p50.TotalMicroseconds,8:N1} µs  p99={p99.TotalMicroseconds,8:N1} µs");
        return result;
    }

    private static async Task<long> RunCallersAsync<T>(Func<Task<T>> call, TimeSpan duration, CallLatencies recorder)
    {
        var stop = 0;
        long total = 0;
        var callers = Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            var samples = recorder.ForCaller();
            long count = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                samples.Add(Stopwatch.GetTimestamp() - start);
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToArray();
        await Task.Delay(duration);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(callers);
        return total;
    }
}
