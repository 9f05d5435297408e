using Actors.Bench.Cluster;

namespace Actors.Bench;

/// <summary>The cluster section of the report: cross-process grain calls and failover.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddClusterCalls(ClusterCallsResult result, TimeSpan duration)
    {
        var b = _cluster.Body;
        b.AppendLine($"Cross-process grain calls (`cluster-calls`): a cluster client in the benchmark process (`AddActorClient`, as the API");
        b.AppendLine($"runs) calls `IClusterEchoGrain.Echo(string)` with a {ClusterCallsBenchmark.TextBytes}-byte string on grains living in {ClusterCallsBenchmark.Silos} silo processes");
        b.AppendLine($"(membership in a throwaway PostgreSQL), {ClusterCallsBenchmark.InFlight} calls in flight (caller i calls grain i); each row warmed 1 s, then");
        b.AppendLine($"measured {duration.TotalSeconds:N0} s in {ClusterCallsBenchmark.Rounds} slices taken in turn with the other rows' (so drift on the machine hits all rows alike),");
        b.AppendLine($"every call's latency recorded. Baseline, same run: the same {ClusterCallsBenchmark.TextBytes}-byte payload, concurrency and topology (this");
        b.AppendLine("process and 2 echo server processes, one TCP connection to each) with the transport's framing over plain sockets, as");
        b.AppendLine("cheap as a correct request/response gets: callers queue frames in a shared buffer, one writer task sends all that is");
        b.AppendLine("queued with one send, answers complete a correlation-id table of TaskCompletionSources and resume the caller inline");
        b.AppendLine("on the read loop (a thread-pool hop per answer measured ~190,000 calls/s in trials), the server answers all the");
        b.AppendLine("frames of a read with one send. The");
        b.AppendLine("middle row is the runtime's transport alone (`TransportConnections` → `TransportListener` echoing), same topology.");
        b.AppendLine("Everything (client, servers, silos, PostgreSQL) shares the machine's cores. Target: ratio ≥ 0.5.");
        b.AppendLine();
        b.AppendLine("| subject | in flight | calls/s | p50 µs | p99 µs | ratio to baseline |");
        b.AppendLine("|---|---|---|---|---|---|");
        var baseline = result.Rows.First(r => r.IsBaseline).PerSecond;
        foreach (var row in result.Rows)
            b.AppendLine(row.Row(baseline, milliseconds: false));
        b.AppendLine();
        var grainRatio = result.Rows.Last().PerSecond / baseline;
        b.AppendLine($"Grain calls / raw echo: **{grainRatio:N2}, target {(grainRatio >= 0.5 ? "met" : "not met")}**.");
        b.AppendLine();
        b.AppendLine("Where the time goes: processor time (user + system, from the OS) per call in the calling process and in the serving");
        b.AppendLine("processes together, thread-pool work items per call (each one a thread hop) and bytes the client allocated per call,");
        b.AppendLine("same measurements. A grain call's hops: on the silo, starting the grain's turn; on the client, resuming the caller.");
        b.AppendLine("Both run in a few work items per read of the connection (`ReadBatch`: the calls, or the answered callers, that one");
        b.AppendLine("read brought), so a call costs a fraction of a hop on each side; the answer is serialised and queued at the end of");
        b.AppendLine("the grain's turn, without another hop. Frames leave as the baseline client's do: appended to the connection's buffer,");
        b.AppendLine("all that is queued written by one writer at a time in one send.");
        b.AppendLine();
        b.AppendLine("| subject | client CPU µs/call | servers CPU µs/call | client work items/call | silo work items/call | client bytes/call |");
        b.AppendLine("|---|---|---|---|---|---|");
        foreach (var cost in result.Costs)
            b.AppendLine($"| {cost.Subject} | {cost.ClientMicroseconds:N2} | {cost.ServersMicroseconds:N2} | {cost.ClientWorkItems:N2} | {(cost.ServerWorkItems is { } items ? items.ToString("N2") : "—")} | {cost.ClientBytes:N0} |");
        b.AppendLine();
        var total = result.Shares.Sum(s => s.Calls);
        b.AppendLine("Where the grain calls ran (each silo's own count of `Echo` calls served, warm-up and measurement): " +
                     string.Join("; ", result.Shares.Select(s => $"{s.Silo}: {s.Grains} grains, {s.Calls:N0} calls ({(total == 0 ? 0 : 100.0 * s.Calls / total):N0} %)")) + ".");
        b.AppendLine();
    }

    public void AddFailover(List<FailoverRun> runs)
    {
        var b = _cluster.Body;
        b.AppendLine($"Failover (`failover`): {FailoverBenchmark.Silos} silo processes and a cluster client in the benchmark process, membership in a");
        b.AppendLine("throwaway PostgreSQL with the default settings. Each run activates a fresh grain, asks it for its silo's process id,");
        b.AppendLine("kills that process (SIGKILL) and times the kill → the first successful call of the same grain (on a survivor), the");
        b.AppendLine($"client calling in a loop ({FailoverBenchmark.RetryDelay.TotalMilliseconds:N0} ms between failed attempts, each limited to {FailoverBenchmark.AttemptTimeout.TotalSeconds:N0} s). A new silo process replaces the");
        b.AppendLine("killed one before the next run. Target: ≤ 5 s (Orleans documents about 15 s with its defaults).");
        b.AppendLine();
        b.AppendLine("| run | killed | client view drops it | first successful call | answered by | failed attempts meanwhile |");
        b.AppendLine("|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            b.AppendLine($"| {run.Run} | {run.Killed} | {FailoverBenchmark.Seconds(run.ViewChangedAfter)} | {FailoverBenchmark.Seconds(run.RecoveredAfter)} | " +
                         $"{run.Survivor} | {run.FailedAttempts:N0} ({run.Failures}) |");
        }

        b.AppendLine();
        var median = FailoverBenchmark.Median(runs);
        b.AppendLine($"**Median of {runs.Count}: {median.TotalSeconds:N2} s** from the kill to the first successful call: target " +
                     $"{(median <= TimeSpan.FromSeconds(5) ? "met" : "not met")}.");
        b.AppendLine();
    }
}
