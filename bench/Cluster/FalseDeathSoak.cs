using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Actors.Bench.Cluster;

/// <summary>
/// Whether healthy silos get declared dead on this machine: <see cref="Silos"/> silo processes with the product's
/// failure-detection defaults under full load from an Orleans client in this process (<see cref="LoadCallers"/> callers
/// calling echo grains as fast as the cluster answers) for the given time, nothing killed. Afterwards: the membership
/// table's rows (any Dead row is a false death), whether every silo process still runs, and the silos' warnings: those
/// that speak of suspicion or of death (the word "dead"), and the others.
/// </summary>
internal static partial class FalseDeathSoak
{
    public const int Silos = 3;
    public const int LoadCallers = 64;

    public static async Task<SoakResult> RunAsync(TimeSpan duration)
    {
        var suspicions = new ConcurrentQueue<string>();
        var deaths = new ConcurrentQueue<string>();
        var others = new ConcurrentQueue<string>();
        void Watch(string silo, string line)
        {
            var queue = DeathWord().IsMatch(line) ? deaths : SuspicionWord().IsMatch(line) ? suspicions : line.StartsWith("warn", StringComparison.Ordinal) ? others : null;
            queue?.Enqueue($"{silo}: {line}");
        }

        Console.WriteLine($"  starting {Silos} silos (PostgreSQL membership); load: {LoadCallers} callers, as fast as answered, for {duration.TotalMinutes:N0} min");
        await using var cluster = await SiloProcessCluster.StartAsync(Silos, Watch);
        var silos = cluster.Silos.ToList();
        var started = Stopwatch.GetTimestamp();
        long calls;
        long failures;
        await using (var load = BackgroundLoad.Start(cluster.Client, LoadCallers, TimeSpan.Zero))
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                await Task.Delay(TimeSpan.FromSeconds(30) < duration ? TimeSpan.FromSeconds(30) : duration);
                var rows = await cluster.Membership.ReadAsync();
                Console.WriteLine($"    {Stopwatch.GetElapsedTime(started).TotalMinutes:N1} min: {load.Calls:N0} calls, {load.Failures:N0} failed; " +
                                  $"membership {string.Join(", ", rows.Select(r => $"{r.SiloName}={r.Status}"))}; load average {LoadAverage()}");
            }

            calls = load.Calls;
            failures = load.Failures;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var final = await cluster.Membership.ReadAsync();
        var exited = silos.Where(s => s.HasExited).Select(s => s.Name).ToList();
        var result = new SoakResult(elapsed, calls, failures, final, exited, [.. suspicions], [.. deaths], [.. others]);
        Console.WriteLine($"  {elapsed.TotalMinutes:N1} min, {calls:N0} calls ({calls / elapsed.TotalSeconds:N0}/s), {failures:N0} failed; " +
                          $"Dead rows: {result.DeadRows.Count}; exited silos: {exited.Count}; suspicion warnings {suspicions.Count}, death warnings {deaths.Count}, " +
                          $"other warnings {others.Count}");
        foreach (var line in result.DeathWarnings.Concat(result.SuspicionWarnings).Concat(result.OtherWarnings).Take(10))
            Console.WriteLine($"    {line}");
        return result;
    }

    [GeneratedRegex(@"\bdead\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeathWord();

    [GeneratedRegex(@"\bsuspect", RegexOptions.IgnoreCase)]
    private static partial Regex SuspicionWord();

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

/// <summary>What the soak found.</summary>
internal sealed record SoakResult(TimeSpan Elapsed, long Calls, long FailedCalls, List<MembershipRow> Membership, List<string> ExitedSilos,
    List<string> SuspicionWarnings, List<string> DeathWarnings, List<string> OtherWarnings)
{
    public List<MembershipRow> DeadRows => Membership.Where(r => r.Status == MembershipRow.Dead).ToList();

    public bool FalseDeath => DeadRows.Count > 0 || ExitedSilos.Count > 0;
}
