using Actors.Bench.Cluster;

namespace Actors.Bench;

/// <summary>The cluster section of the report (cross-process grain calls, failover) and the false-death soak's.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddClusterCalls(ClusterCallsResult result, TimeSpan duration)
    {
        var b = _cluster.Body;
        b.AppendLine("Cross-process grain calls (`cluster-calls`): an Orleans client in the benchmark process (`UseOrleansClient` +");
        b.AppendLine($"`UseActorsCluster`, as the API runs in cluster mode) calls `IClusterEchoGrain.Echo(string)` with a {ClusterCallsBenchmark.TextBytes}-byte string on");
        b.AppendLine($"grains living in {ClusterCallsBenchmark.Silos} silo processes built as src/Silo builds its silo (`UseActorsCluster` with ADO.NET membership in a");
        b.AppendLine("throwaway PostgreSQL, `UseActorsStorage`, `AddOpenEdxGrains`, the dashboard's silo part) on loopback,");
        b.AppendLine($"{ClusterCallsBenchmark.InFlight} calls in flight (caller i calls grain i); Orleans' default client and messaging options. Each row");
        b.AppendLine($"warmed 1 s, then measured {duration.TotalSeconds:N0} s in {ClusterCallsBenchmark.Rounds} slices taken in turn with the other row's, every call's latency");
        b.AppendLine($"recorded. Baseline, same run: the same {ClusterCallsBenchmark.TextBytes}-byte payload, concurrency and topology (this process and 2 echo");
        b.AppendLine("server processes, one TCP connection to each) over plain sockets, as cheap as a correct request/response gets:");
        b.AppendLine("length-prefixed frames with a correlation id, callers queue frames in a shared buffer, one writer task sends all");
        b.AppendLine("that is queued with one send, answers complete a correlation-id table of TaskCompletionSources and resume the");
        b.AppendLine("caller inline on the read loop, the server answers all the frames of a read with one send. Everything (client,");
        b.AppendLine($"servers, silos, PostgreSQL) shares the machine's cores. Target: ratio ≥ {ClusterCallsBenchmark.TargetRatio:N1}.");
        b.AppendLine();
        b.AppendLine("| subject | in flight | calls/s | p50 µs | p99 µs | ratio to baseline |");
        b.AppendLine("|---|---|---|---|---|---|");
        var baseline = result.Rows.First(r => r.IsBaseline).PerSecond;
        foreach (var row in result.Rows)
            b.AppendLine(row.Row(baseline, milliseconds: false));
        b.AppendLine();
        b.AppendLine($"Grain calls / raw echo: **{result.Ratio:N2}, {Met(result.Ratio >= ClusterCallsBenchmark.TargetRatio)}**; " +
                     $"{BeforeTheMove.Runtime}: {BeforeTheMove.ClusterCalls}.");
        b.AppendLine();
        b.AppendLine("Where the time goes: processor time (user + system, from the OS) per call in the calling process and in the serving");
        b.AppendLine("processes together, thread-pool work items the calling process ran per call, and bytes it allocated per call, same");
        b.AppendLine("measurements.");
        b.AppendLine();
        b.AppendLine("| subject | client CPU µs/call | servers CPU µs/call | client work items/call | client bytes/call |");
        b.AppendLine("|---|---|---|---|---|");
        foreach (var cost in result.Costs)
            b.AppendLine($"| {cost.Subject} | {cost.ClientMicroseconds:N2} | {cost.ServersMicroseconds:N2} | {cost.ClientWorkItems:N2} | {cost.ClientBytes:N0} |");
        b.AppendLine();
        var total = result.Shares.Sum(s => s.Calls);
        b.AppendLine("Where the grain calls ran (placement of the 256 grains; each silo's `Echo` calls from the product's grain call " +
                     "statistics, warm-up and measurement): " +
                     string.Join("; ", result.Shares.Select(s => $"{s.Silo}: {s.Grains} grains, {s.Calls:N0} calls ({(total == 0 ? 0 : 100.0 * s.Calls / total):N0} %)")) + ".");
        b.AppendLine();
    }

    public void AddFailover(List<FailoverRun> runs)
    {
        var b = _cluster.Body;
        b.AppendLine($"Failover (`failover`): {FailoverBenchmark.Silos} silo processes (as above) and an Orleans client in the benchmark process, the product's");
        b.AppendLine("failure-detection defaults (`FailureDetection`: probe timeout 2 s, 3 missed probes, 2 votes, indirect probes,");
        b.AppendLine($"table refresh 10 s). Under load: {FailoverBenchmark.LoadCallers} callers calling echo grains throughout, each pausing {FailoverBenchmark.LoadPause.TotalMilliseconds:N0} ms after a call.");
        b.AppendLine("Each run activates a fresh grain, asks it for its silo's process id, kills that process (SIGKILL) and times the kill");
        b.AppendLine($"→ the first successful call of the same grain (on a survivor), the client calling in a loop ({FailoverBenchmark.RetryDelay.TotalMilliseconds:N0} ms between failed");
        b.AppendLine($"attempts, each limited to {FailoverBenchmark.AttemptTimeout.TotalSeconds:N0} s); also when the membership table (`orleans_membership`, polled every 20 ms) first");
        b.AppendLine($"showed the killed silo Dead. A new silo process replaces the killed one before the next run. Target: ≤ {FailoverBenchmark.Target.TotalSeconds:N0} s.");
        b.AppendLine();
        b.AppendLine("| run | killed | Dead in the membership table | first successful call | answered by | failed attempts meanwhile |");
        b.AppendLine("|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            b.AppendLine($"| {run.Run} | {run.Killed} | {FailoverBenchmark.Seconds(run.DeclaredDeadAfter)} | {FailoverBenchmark.Seconds(run.RecoveredAfter)} | " +
                         $"{run.Survivor} | {run.FailedAttempts:N0} ({run.Failures}) |");
        }

        b.AppendLine();
        var median = FailoverBenchmark.Median(runs);
        b.AppendLine($"**Median of {runs.Count}: {median.TotalSeconds:N2} s** from the kill to the first successful call: " +
                     $"{Met(median <= FailoverBenchmark.Target)}; {BeforeTheMove.Runtime}: {BeforeTheMove.Failover}.");
        b.AppendLine();
    }

    public void AddSoak(SoakResult result)
    {
        var b = _falseDeath.Body;
        b.AppendLine($"False deaths (`false-death`): {FalseDeathSoak.Silos} silo processes (built as in the cluster section, the product's failure-detection defaults) under full load");
        b.AppendLine($"from an Orleans client in the benchmark process ({FalseDeathSoak.LoadCallers} callers calling echo grains as fast as answered), nothing");
        b.AppendLine("killed, on this 2-core machine (shared with other work). Afterwards: the membership table's rows (a Dead row, status 6,");
        b.AppendLine("would be a healthy silo declared dead), whether every silo process still ran, and the silos' warnings (those speaking");
        b.AppendLine("of suspicion, of death — the word \"dead\" —, and the others; the first few are quoted). New with the move.");
        b.AppendLine();
        b.AppendLine("| soak | calls | failed calls | membership at the end | Dead rows | silos exited | warnings: suspicion / death / other |");
        b.AppendLine("|---|---|---|---|---|---|---|");
        b.AppendLine($"| {result.Elapsed.TotalMinutes:N1} min | {result.Calls:N0} ({result.Calls / result.Elapsed.TotalSeconds:N0}/s) | {result.FailedCalls:N0} | " +
                     $"{string.Join(", ", result.Membership.Select(r => $"{r.SiloName} {(r.Status == MembershipRow.Active ? "Active" : $"status {r.Status}")}"))} | " +
                     $"{result.DeadRows.Count} | {result.ExitedSilos.Count} | {result.SuspicionWarnings.Count} / {result.DeathWarnings.Count} / {result.OtherWarnings.Count} |");
        b.AppendLine();
        b.AppendLine(result.FalseDeath
            ? $"**A healthy silo was declared dead** ({string.Join(", ", result.DeadRows.Select(r => r.SiloName).Concat(result.ExitedSilos).Distinct())})."
            : "**No silo was declared dead.**");
        foreach (var line in result.DeathWarnings.Concat(result.SuspicionWarnings).Concat(result.OtherWarnings).Take(5))
            b.AppendLine($"- `{line.Replace('`', '\'')}`");
        b.AppendLine();
    }
}
