using Actors.Bench.Cluster;
using Actors.Bench.Transport;

namespace Actors.Bench;

/// <summary>The transport section of the report: request/response over loopback TCP against a raw-socket echo.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddTransport(List<Measurement> results, TimeSpan duration)
    {
        var body = _transport.Body;
        body.AppendLine($"Request/response over loopback TCP, one connection, {TransportBenchmark.InFlight} calls in flight (callers each sending a");
        body.AppendLine($"{TransportBenchmark.PayloadBytes}-byte request and awaiting its echo), each row warmed 1 s, then measured {duration.TotalSeconds:N0} s in {ClusterCallsBenchmark.Rounds} slices taken in");
        body.AppendLine("turn with the other row's, every call's latency recorded.");
        body.AppendLine("Transport: `TransportConnections` (the send queue: frames appended to one buffer, one writer at a time; per-call");
        body.AppendLine("timeouts and cancellation) against a `TransportListener` answering from its read loop. Baseline: the cluster");
        body.AppendLine("benchmark's raw client and server (plain sockets, the same framing, a shared send buffer, answers completing a");
        body.AppendLine("TaskCompletionSource table inline on the read loop, the server answering each read's frames with one send). Same");
        body.AppendLine("process, same run; client and server share the cores. The cluster section measures the same across processes.");
        body.AppendLine();
        body.AppendLine("| subject | in flight | calls/s | p50 µs | p99 µs | ratio to baseline |");
        body.AppendLine("|---|---|---|---|---|---|");
        AppendRows(body, results, milliseconds: false);
    }
}
