using Actors.Bench.Dashboard;

namespace Actors.Bench;

/// <summary>The dashboard section of the report.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddDashboard(DashboardResult result, TimeSpan duration)
    {
        var b = _dashboard.Body;
        b.AppendLine("The Orleans Dashboard's cost (`dashboard`): three web-host processes, each co-hosting a silo as the API's embedded");
        b.AppendLine("default does (`UseActorsCluster`, clustering off; `AddOpenEdxGrains`, so the product's grain call statistics filter");
        b.AppendLine("too): one without the dashboard, two with it (`AddDashboard(o => o.HideTrace = true)` on the silo,");
        b.AppendLine($"`MapOrleansDashboard`), one of them never viewed (its per-call profiler stays off: the API's usual state). Each in turn runs {DashboardHostCommand.Callers} callers of no-op echo grains (32-byte string) through its silo's grain");
        b.AppendLine($"factory, the others idle; {DashboardBenchmark.Rounds} interleaved slices each (order alternating), {duration.TotalSeconds:N0} s in all per host, after 1 s of warm-up.");
        b.AppendLine($"While the host with the dashboard runs, its data endpoints ({string.Join(", ", DashboardBenchmark.PolledEndpoints.Select(e => $"`{e}`"))})");
        b.AppendLine("are polled once before the load starts (the page opened) and then once a second, as its page does, so its per-call");
        b.AppendLine("profiler is on. Calls that time out are counted, not measured. Processor time: the host process's,");
        b.AppendLine($"from the OS. Target: cost ≤ {DashboardBenchmark.TargetCost:P0}. New with the move (the home-made runtime had no dashboard).");
        b.AppendLine();
        b.AppendLine("| subject | calls/s | CPU µs per call | ratio to baseline |");
        b.AppendLine("|---|---|---|---|");
        b.AppendLine($"| without the dashboard (baseline) | {result.WithoutPerSecond:N0} | {result.WithoutCpuPerCall:N2} | — |");
        b.AppendLine($"| {DashboardBenchmark.UnviewedRow} | {result.UnviewedPerSecond:N0} | {result.UnviewedCpuPerCall:N2} | {result.UnviewedPerSecond / result.WithoutPerSecond:N2} |");
        b.AppendLine($"| with the dashboard, polled once a second ({result.Polls:N0} polls, {result.FailedPolls} failed) | {result.WithPerSecond:N0} | " +
                     $"{result.WithCpuPerCall:N2} | {result.WithPerSecond / result.WithoutPerSecond:N2} |");
        b.AppendLine();
        b.AppendLine($"Cost of the dashboard: **{result.Cost:P1} of calls/s, {Met(result.Cost <= DashboardBenchmark.TargetCost)}** " +
                     $"({result.CpuCost:P1} more processor time per call); never viewed: {result.UnviewedCost:P1} of calls/s. " +
                     $"Calls that failed (timed out) in all rows: {result.FailedCalls:N0}.");
        b.AppendLine();
    }
}
