using System.Text;
using Actors.Bench.Ping;

namespace Actors.Bench;

/// <summary>Formats the figures as the runtime section of docs/benchmarks.md, with the command that produced them.</summary>
internal sealed class BenchmarkReport(string command)
{
    private const string Begin = "<!-- bench:runtime -->";
    private const string End = "<!-- /bench:runtime -->";
    private readonly StringBuilder _body = new();

    public void AddPing(List<PingResult> results)
    {
        _body.AppendLine("No-op grain calls from an in-process client (caller i calls grain i mod 64; every call's latency recorded).");
        _body.AppendLine("Ratio = calls/s over the naive channel actor (a channel and reader task per actor, a TaskCompletionSource per call)");
        _body.AppendLine("measured in the same run with the same number of callers.");
        _body.AppendLine();
        _body.AppendLine("| subject | callers | calls/s | p50 µs | p99 µs | ratio to baseline |");
        _body.AppendLine("|---|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Callers))
        {
            var baseline = group.First(r => r.Subject.Contains("baseline", StringComparison.Ordinal)).CallsPerSecond;
            foreach (var result in group)
                _body.AppendLine(result.Row(result.Subject.Contains("baseline", StringComparison.Ordinal) ? null : baseline));
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
