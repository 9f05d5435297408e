using Actors.Bench;
using Actors.Bench.Activation;
using Actors.Bench.Persistence;
using Actors.Bench.Ping;

// Runtime benchmarks. Usage: dotnet run -c Release --project bench -- [ping] [persistence] [memory] [--seconds N] [--update-docs]
// With no benchmark named, runs all. --update-docs rewrites the matching section of docs/benchmarks.md.
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).DefaultIfEmpty(5).First();
var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToHashSet();
bool Runs(string name) => selected.Count == 0 || selected.Contains(name);
var shown = args.Where(a => a != "--update-docs").ToList();
var report = new BenchmarkReport("dotnet run -c Release --project bench" + (shown.Count == 0 ? "" : " -- " + string.Join(' ', shown)));

Console.WriteLine($"Actors benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (Runs("ping"))
{
    Console.WriteLine($"Ping: no-op grain calls, {seconds} s per measurement");
    report.AddPing(await PingBenchmark.RunAsync(TimeSpan.FromSeconds(seconds)));
}

if (Runs("persistence"))
{
    Console.WriteLine($"Persistence: grain-state writes on PostgreSQL, {seconds} s per measurement");
    report.AddStateWrites(await StateWriteBenchmark.RunAsync(TimeSpan.FromSeconds(seconds)));
}

if (Runs("memory"))
{
    Console.WriteLine("Memory per idle activation");
    report.AddMemory(100_000, await IdleActivationMemory.MeasureBytesPerActivationAsync(100_000));
}

Console.WriteLine();
Console.WriteLine(report.Markdown());
if (args.Contains("--update-docs"))
    report.WriteTo(Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks.md"));

/// <summary>Entry point type, also used to find this assembly's grains.</summary>
public partial class Program;
