using System.Text;

namespace Actors.Bench;

/// <summary>
/// Formats the figures as sections of docs/benchmarks.md, each with the command that produced it: <c>courses</c>
/// (navigation, collect, staleness), <c>persistence</c>, <c>group-commit</c>, <c>cluster</c> (cluster-calls, failover), <c>false-death</c>
/// <c>dashboard</c>, <c>catalog</c> and <c>mobile</c>. Each section lies between <c>&lt;!-- bench:NAME --&gt;</c> and <c>&lt;!-- /bench:NAME --&gt;</c>;
/// <see cref="WriteTo"/> rewrites only the sections this run measured and leaves the others as they are.
/// </summary>
internal sealed partial class BenchmarkReport(string command)
{
    private readonly Section _courses = new("courses", "## Courses");
    private readonly Section _persistence = new("persistence", "## Persistence");
    private readonly Section _groupCommit = new("group-commit", "## Group commit");
    private readonly Section _cluster = new("cluster", "## Cluster");
    private readonly Section _dashboard = new("dashboard", "## Dashboard");
    private readonly Section _falseDeath = new("false-death", "## False deaths");
    private readonly Section _catalog = new("catalog", "## Catalog sync");
    private readonly Section _mobile = new("mobile", "## Mobile");

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

    private static string Met(bool met) => met ? "target met" : "target not met";

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

    private IEnumerable<Section> Sections() => [_courses, _persistence, _groupCommit, _cluster, _falseDeath, _dashboard, _catalog, _mobile];

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
