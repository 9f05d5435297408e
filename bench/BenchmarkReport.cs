using System.Text;

namespace Actors.Bench;

/// <summary>
/// Formats the figures as sections of docs/benchmarks.md, each with the command that produced it: <c>runtime</c>
/// (ping, persistence, memory), <c>courses</c> (navigation, collect, staleness) and <c>transport</c>. Each section lies between
/// <c>&lt;!-- bench:NAME --&gt;</c> and <c>&lt;!-- /bench:NAME --&gt;</c>; <see cref="WriteTo"/> rewrites only the sections this
/// run measured and leaves the others as they are.
/// </summary>
internal sealed partial class BenchmarkReport(string command)
{
    private readonly Section _runtime = new("runtime", "## Runtime");
    private readonly Section _courses = new("courses", "## Courses");
    private readonly Section _transport = new("transport", "## Transport");
    private readonly Section _cluster = new("cluster", "## Cluster");

    public void AddPing(List<Measurement> results)
    {
        var body = _runtime.Body;
        body.AppendLine("No-op grain calls from an in-process client (caller i calls grain i mod 64; every call's latency recorded).");
        body.AppendLine("Ratio = calls/s over the naive channel actor (a channel and reader task per actor, a TaskCompletionSource per call)");
        body.AppendLine("measured in the same run with the same number of callers.");
        body.AppendLine();
        body.AppendLine("| subject | callers | calls/s | p50 µs | p99 µs | ratio to baseline |");
        body.AppendLine("|---|---|---|---|---|---|");
        AppendRows(body, results, milliseconds: false);
    }

    public void AddStateWrites(List<Measurement> results)
    {
        var body = _runtime.Body;
        body.AppendLine("Grain-state writes on PostgreSQL (durable throwaway server, fsync on), 64 concurrent callers. 1 grain: every");
        body.AppendLine("caller writes the same grain, which serialises the writes; 1,000 grains: caller c writes grains c, c+64, ... .");
        body.AppendLine("Ratio = writes/s over raw Npgsql doing the same versioned update on the same number of rows with the same");
        body.AppendLine("concurrency (one writer at a time for the single row), measured in the same run. Target: ratio ≥ 0.8.");
        body.AppendLine();
        body.AppendLine("| subject | grains/rows | writes/s | p50 ms | p99 ms | ratio to baseline |");
        body.AppendLine("|---|---|---|---|---|---|");
        AppendRows(body, results, milliseconds: true);
    }

    private static void AppendRows(StringBuilder body, List<Measurement> results, bool milliseconds)
    {
        foreach (var group in results.GroupBy(r => r.Scale))
        {
            var baseline = group.First(r => r.IsBaseline).PerSecond;
            foreach (var result in group)
                body.AppendLine(result.Row(baseline, milliseconds));
        }

        body.AppendLine();
    }

    public void AddMemory(int count, double bytesPerActivation)
    {
        var body = _runtime.Body;
        body.AppendLine($"Memory per idle activation of an empty grain ({count:N0} activations, managed heap growth after full GC): " +
                        $"**{bytesPerActivation:N0} bytes**.");
        body.AppendLine();
    }

    /// <summary>The measured sections, as they go into the document.</summary>
    public string Markdown() =>
        string.Join("\n\n", Sections().Where(section => section.Body.Length > 0).Select(section => section.Markdown(command)));

    /// <summary>Rewrites the measured sections of <paramref name="path"/> (appending a section not there yet under its heading).</summary>
    public void WriteTo(string path)
    {
        var updated = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        foreach (var section in Sections().Where(section => section.Body.Length > 0))
        {
            var start = updated.IndexOf(section.Begin, StringComparison.Ordinal);
            var end = updated.IndexOf(section.End, StringComparison.Ordinal);
            updated = start < 0 || end < start
                ? updated.TrimEnd('\n') + $"\n\n{section.Heading}\n\n{section.Markdown(command)}\n"
                : updated[..start] + section.Markdown(command) + updated[(end + section.End.Length)..];
        }

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

    private IEnumerable<Section> Sections() => [_runtime, _courses, _transport, _cluster];

    /// <summary>One marked section of the document.</summary>
    private sealed class Section(string name, string heading)
    {
        public string Begin { get; } = $"<!-- bench:{name} -->";

        public string End { get; } = $"<!-- /bench:{name} -->";

        public string Heading { get; } = heading;

        public StringBuilder Body { get; } = new();

        public string Markdown(string command) =>
            $"{Begin}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, with:\n\n" +
            $"```\n{command}\n```\n\n{Body}{End}";
    }
}
