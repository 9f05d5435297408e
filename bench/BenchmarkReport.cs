using System.Text;

namespace Actors.Bench;

/// <summary>Formats the figures as the runtime section of docs/benchmarks.md, with the command that produced them.</summary>
internal sealed class BenchmarkReport(string command)
{
    private const string Begin = "<!-- bench:runtime -->";
    private const string End = "<!-- /bench:runtime -->";
    private readonly StringBuilder _body = new();

    public void AddPing(List<Measurement> results)
    {
        _body.AppendLine("No-op grain calls from an in-process client (caller i calls grain i mod 64; every call's latency recorded).");
        _body.AppendLine("Ratio = calls/s over the naive channel actor (a channel and reader task per actor, a TaskCompletionSource per call)");
        _body.AppendLine("measured in the same run with the same number of callers.");
        _body.AppendLine();
        _body.AppendLine("| subject | callers | calls/s | p50 µs | p99 µs | ratio to baseline |");
        _body.AppendLine("|---|---|---|---|---|---|");
        AppendRows(results, milliseconds: false);
    }

    public void AddStateWrites(List<Measurement> results)
    {
        _body.AppendLine("Grain-state writes on PostgreSQL (durable throwaway server, fsync on), 64 concurrent callers. 1 grain: every");
        _body.AppendLine("caller writes the same grain, which serialises the writes; 1,000 grains: caller c writes grains c, c+64, ... .");
        _body.AppendLine("Ratio = writes/s over raw Npgsql doing the same versioned update on the same number of rows with the same");
        _body.AppendLine("concurrency (one writer at a time for the single row), measured in the same run. Target: ratio ≥ 0.8.");
        _body.AppendLine();
        _body.AppendLine("| subject | grains/rows | writes/s | p50 ms | p99 ms | ratio to baseline |");
        _body.AppendLine("|---|---|---|---|---|---|");
        AppendRows(results, milliseconds: true);
    }

    private void AppendRows(List<Measurement> results, bool milliseconds)
    {
        foreach (var group in results.GroupBy(r => r.Scale))
        {
            var baseline = group.First(r => r.IsBaseline).PerSecond;
            foreach (var result in group)
                _body.AppendLine(result.Row(baseline, milliseconds));
        }

        _body.AppendLine();
    }

    public void AddMemory(int count, double bytesPerActivation)
    {
        _body.AppendLine($"Memory per idle activation of an empty grain ({count:N0} activations, managed heap growth after full GC): " +
                         $"**{bytesPerActivation:N0} bytes**.");
        _body.AppendLine();
    }

    public string Markdown() =>
        $"{Begin}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, with:\n\n" +
        $"```\n{command}\n```\n\n{_body}{End}";

    public void WriteTo(string path)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n## Runtime\n\n" + Begin + "\n" + End + "\n";
        var start = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        var updated = start < 0 || end < 0
            ? existing + "\n" + Markdown() + "\n"
            : existing[..start] + Markdown() + existing[(end + End.Length)..];
        File.WriteAllText(path, updated);
        Console.WriteLine($"Updated {path}");
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Actors.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
