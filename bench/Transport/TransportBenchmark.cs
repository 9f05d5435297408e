using System.Diagnostics;
using System.Net;
using Actors.Runtime.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Bench.Transport;

/// <summary>
/// Request/response over loopback TCP: <see cref="InFlight"/> callers share one connection, each sending a
/// <see cref="PayloadBytes"/>-byte request and awaiting its echo, for a fixed time; every call's latency is recorded. The
/// transport (<see cref="TransportListener"/> + <see cref="TransportConnections"/>) runs next to
/// <see cref="RawEchoBaseline"/>, a plain socket with the same framing, in the same process and run.
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

        await using (var raw = await RawEchoBaseline.StartAsync())
            results.Add(await MeasureAsync("raw socket echo (baseline)", () => raw.CallAsync(payload), duration));

        var options = Options.Create(new TransportOptions());
        await using var listener = new TransportListener(options, new EchoHandler(), TimeProvider.System, NullLoggerFactory.Instance);
        var endpoint = listener.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var client = new TransportConnections(options, TimeProvider.System, NullLoggerFactory.Instance);
        var connection = await client.GetConnectionAsync(endpoint);
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

    /// <summary>Answers each request with its payload from the read loop, as a handler with a synchronous result would.</summary>
    private sealed class EchoHandler : ITransportHandler
    {
        public ValueTask HandleAsync(TransportConnection connection, Frame frame, CancellationToken cancellationToken)
        {
            if (frame.Type != FrameType.Request)
                return ValueTask.CompletedTask;
            var sent = connection.SendAsync(new Frame(FrameType.Response, frame.CorrelationId, frame.Payload), cancellationToken);
            return sent.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(sent.AsTask());
        }
    }
}
