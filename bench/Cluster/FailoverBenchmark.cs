using System.Diagnostics;

namespace Actors.Bench.Cluster;

/// <summary>
/// Failover after a crash: <see cref="Silos"/> silo processes and a cluster client in this process. Each run activates
/// a fresh grain, asks it which silo process it lives in, SIGKILLs that process and measures the time from the kill to
/// the first call of the same grain that succeeds (on a survivor), the client calling in a tight loop
/// (<see cref="RetryDelay"/> between failed attempts, each limited to <see cref="AttemptTimeout"/>). Also noted: when
/// the client's view dropped the dead silo, and the failures seen meanwhile. A new silo process replaces the killed one
/// before the next run. The figure is the median of <see cref="Runs"/> runs.
/// </summary>
internal static class FailoverBenchmark
{
    public const int Silos = 3;
    public const int Runs = 5;
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    public static async Task<List<FailoverRun>> RunAsync()
    {
        Console.WriteLine($"  starting {Silos} silos (PostgreSQL membership)");
        await using var cluster = await SiloProcessCluster.StartAsync(Silos);
        Console.WriteLine($"  PostgreSQL: {cluster.Database}; client view {cluster.ClientView}");
        var runs = new List<FailoverRun>();
        for (var run = 1; run <= Runs; run++)
        {
            if (run > 1)
            {
                await cluster.StartSiloAsync();
                await cluster.WaitForClientViewAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromSeconds(1)); // the silos' own views settle (NOTIFY) as the client's did
            }

            var result = await KillOwnerAndRecoverAsync(cluster, run);
            runs.Add(result);
            Console.WriteLine($"  run {run}: killed {result.Killed} (pid {result.KilledProcessId}); " +
                              $"client view without it after {Seconds(result.ViewChangedAfter)}; " +
                              $"first successful call after {Seconds(result.RecoveredAfter)} on {result.Survivor}; " +
                              $"{result.FailedAttempts} failed attempts ({result.Failures})");
        }

        var median = Median(runs);
        Console.WriteLine($"  median of {Runs}: {median.TotalSeconds:N2} s from kill to the first successful call");
        return runs;
    }

    public static TimeSpan Median(List<FailoverRun> runs) =>
        runs.Select(r => r.RecoveredAfter).Order().ElementAt(runs.Count / 2);

    public static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:N2} s" : "—";

    private static async Task<FailoverRun> KillOwnerAndRecoverAsync(SiloProcessCluster cluster, int run)
    {
        // A grain not called before, so the first call activates it where the ring puts it.
        var grain = cluster.Client.GetGrain<IClusterEchoGrain>(1_000_000 + run);
        var ownerProcessId = await grain.SiloProcessId();
        var victim = cluster.Silos.Single(s => s.ProcessId == ownerProcessId);
        var victimInView = cluster.ClientView.Ring.Silos.Single(s => s.Port == victim.Port);

        var failures = new Dictionary<string, int>();
        TimeSpan? viewChangedAfter = null;
        var killed = Stopwatch.GetTimestamp();
        cluster.Kill(victim);
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(killed);
            if (viewChangedAfter is null && !cluster.ClientView.Ring.Silos.Contains(victimInView))
                viewChangedAfter = elapsed;
            if (elapsed > GiveUpAfter)
                throw new TimeoutException($"The grain did not answer within {GiveUpAfter} of killing {victim.Name}; failures: {Describe(failures)}");
            int answeredBy;
            try
            {
                answeredBy = await grain.SiloProcessId().AsTask().WaitAsync(AttemptTimeout);
            }
            catch (Exception exception)
            {
                var kind = exception.GetType().Name;
                failures[kind] = failures.GetValueOrDefault(kind) + 1;
                await Task.Delay(RetryDelay);
                continue;
            }

            var recoveredAfter = Stopwatch.GetElapsedTime(killed);
            if (answeredBy == ownerProcessId)
                throw new InvalidOperationException($"The killed silo {victim.Name} (pid {ownerProcessId}) answered.");
            viewChangedAfter ??= cluster.ClientView.Ring.Silos.Contains(victimInView) ? null : recoveredAfter;
            var survivor = cluster.Silos.FirstOrDefault(s => s.ProcessId == answeredBy)?.Name ?? $"pid {answeredBy}";
            return new FailoverRun(run, victim.Name, ownerProcessId, survivor, recoveredAfter, viewChangedAfter,
                failures.Values.Sum(), Describe(failures));
        }
    }

    private static string Describe(Dictionary<string, int> failures) =>
        failures.Count == 0 ? "none" : string.Join(", ", failures.OrderByDescending(f => f.Value).Select(f => $"{f.Value} × {f.Key}"));
}

/// <summary>One failover run: which silo was killed, when the client's view dropped it, when the grain answered again
/// and from where, and the failures meanwhile.</summary>
internal sealed record FailoverRun(int Run, string Killed, int KilledProcessId, string Survivor, TimeSpan RecoveredAfter,
    TimeSpan? ViewChangedAfter, int FailedAttempts, string Failures);
