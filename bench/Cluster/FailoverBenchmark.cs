using System.Diagnostics;

namespace Actors.Bench.Cluster;

/// <summary>
/// Failover after a crash: <see cref="Silos"/> silo processes (the product's failure-detection defaults,
/// <c>FailureDetection</c>) and an Orleans client in this process, callers keeping the cluster under load. Each run
/// activates a fresh grain, asks it which silo process it lives in, SIGKILLs that process and measures the time from
/// the kill to the first call of the same grain that succeeds (on a survivor), the client calling in a tight loop
/// (<see cref="RetryDelay"/> between failed attempts, each limited to <see cref="AttemptTimeout"/>). Also noted: when
/// the membership table first showed the killed silo Dead, and the failures seen meanwhile. A new silo process
/// replaces the killed one before the next run. The figure is the median of <see cref="Runs"/> runs.
/// </summary>
internal static class FailoverBenchmark
{
    public const int Silos = 3;
    public const int Runs = 5;
    public const int LoadCallers = 32;

    /// <summary>Each load caller's pause after a call: a steady load (about 32 × 200 calls/s at most) that leaves the
    /// silos room to probe each other, as a site's traffic would.</summary>
    public static readonly TimeSpan LoadPause = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public static async Task<List<FailoverRun>> RunAsync()
    {
        Console.WriteLine($"  starting {Silos} silos (PostgreSQL membership)");
        await using var cluster = await SiloProcessCluster.StartAsync(Silos);
        Console.WriteLine($"  PostgreSQL: {cluster.Database}");
        await using var load = BackgroundLoad.Start(cluster.Client, LoadCallers, LoadPause);
        var runs = new List<FailoverRun>();
        for (var run = 1; run <= Runs; run++)
        {
            if (run > 1)
            {
                await cluster.StartSiloAsync();
                await cluster.WaitForActiveSilosAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromSeconds(2)); // probes of the new silo accumulate samples
            }

            var result = await KillOwnerAndRecoverAsync(cluster, run);
            runs.Add(result);
            Console.WriteLine($"  run {run}: killed {result.Killed} (pid {result.KilledProcessId}); " +
                              $"Dead in the membership table after {Seconds(result.DeclaredDeadAfter)}; " +
                              $"first successful call after {Seconds(result.RecoveredAfter)} on {result.Survivor}; " +
                              $"{result.FailedAttempts} failed attempts ({result.Failures})");
        }

        Console.WriteLine($"  median of {Runs}: {Median(runs).TotalSeconds:N2} s from kill to the first successful call; " +
                          $"background load {load.Calls:N0} calls, {load.Failures:N0} failed");
        return runs;
    }

    public static TimeSpan Median(List<FailoverRun> runs) =>
        runs.Select(r => r.RecoveredAfter).Order().ElementAt(runs.Count / 2);

    public static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:N2} s" : "—";

    private static async Task<FailoverRun> KillOwnerAndRecoverAsync(SiloProcessCluster cluster, int run)
    {
        // A grain not called before, so the first call activates it where placement puts it.
        var grain = cluster.Client.GetGrain<IClusterEchoGrain>(1_000_000 + run);
        var ownerProcessId = await grain.SiloProcessId();
        var victim = cluster.Silos.Single(s => s.ProcessId == ownerProcessId);

        var failures = new Dictionary<string, int>();
        var killed = Stopwatch.GetTimestamp();
        cluster.Kill(victim);
        using var watching = new CancellationTokenSource();
        var declaredDead = WatchForDeathAsync(cluster.Membership, victim.Name, killed, watching.Token);
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(killed);
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
            var deadAfter = await declaredDead.WaitAsync(TimeSpan.FromSeconds(30));
            var survivor = cluster.Silos.FirstOrDefault(s => s.ProcessId == answeredBy)?.Name ?? $"pid {answeredBy}";
            return new FailoverRun(run, victim.Name, ownerProcessId, survivor, recoveredAfter, deadAfter, failures.Values.Sum(), Describe(failures));
        }
    }

    /// <summary>The time from <paramref name="killed"/> until the membership table shows <paramref name="silo"/> Dead.</summary>
    private static async Task<TimeSpan?> WatchForDeathAsync(MembershipTable membership, string silo, long killed, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            if ((await membership.ReadAsync()).Any(r => r.SiloName == silo && r.Status == MembershipRow.Dead))
                return Stopwatch.GetElapsedTime(killed);
            await Task.Delay(20, CancellationToken.None);
        }

        return null;
    }

    private static string Describe(Dictionary<string, int> failures) =>
        failures.Count == 0 ? "none" : string.Join(", ", failures.OrderByDescending(f => f.Value).Select(f => $"{f.Value} × {f.Key}"));
}

/// <summary>One failover run: which silo was killed, when the membership table showed it Dead, when the grain answered
/// again and from where, and the failures meanwhile.</summary>
internal sealed record FailoverRun(int Run, string Killed, int KilledProcessId, string Survivor, TimeSpan RecoveredAfter,
    TimeSpan? DeclaredDeadAfter, int FailedAttempts, string Failures);
