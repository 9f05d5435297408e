using Actors.Bench.Transport;

namespace Actors.Bench;

/// <summary>The transport section of the report: request/response over loopback TCP against a raw-socket echo.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddTransport(List<Measurement> results, TimeSpan duration)
    {
        var body = _transport.Body;
        body.AppendLine($"Request/response over loopback TCP, one connection, {TransportBenchmark.InFlight} calls in flight (callers each sending a");
        body.AppendLine($"{TransportBenchmark.PayloadBytes}-byte request and awaiting its echo), 1 s warm-up then {duration.TotalSeconds:N0} s, every call's latency recorded.");
        body.AppendLine("Transport: `TransportListener` + `TransportConnections` (System.IO.Pipelines, a bounded send queue and one batching");
        body.AppendLine("writer per connection, per-call timeouts). Baseline: a plain `Socket` with the same framing, a write lock per call and");
        body.AppendLine("a TaskCompletionSource table, the server answering each read's frames with one send; same process, same run. Client");
        body.AppendLine("and server share the cores.");
        body.AppendLine();
        body.AppendLine("| subject | in flight | calls/s | p50 µs | p99 µs | ratio to baseline |");
        body.AppendLine("|---|---|---|---|---|---|");
        AppendRows(body, results, milliseconds: false);
    }
}
