using Actors.Bench;
using Actors.Bench.Activation;
using Actors.Bench.Cluster;
using Actors.Bench.Courses;
using Actors.Bench.Persistence;
using Actors.Bench.Ping;
using Actors.Bench.Transport;

// Benchmarks. Usage: dotnet run -c Release --project bench -- [ping] [persistence] [memory] [navigation] [collect] [staleness] [transport]
//   [cluster-calls] [failover] [--seconds N] [--update-docs]
// ping, persistence, memory: the runtime (section bench:runtime); navigation, collect, staleness: courses (section
// bench:courses); transport: the TCP transport (section bench:transport); cluster-calls, failover: grain calls across
// processes and failover after a silo is killed (section bench:cluster). navigation starts src/Api's build output of
// the same configuration: build the solution first (dotnet build -c Release Actors.sln). With no benchmark named, runs
// all. --update-docs rewrites the sections of docs/benchmarks.md that this run measured and leaves the others as they are.
// NAV_ONLY_SAMPLE=1 in the environment limits navigation to the sample course (a quicker run while working on it).
// Hidden subcommands, run by the benchmarks as child processes: silo, echo-server (bench/Cluster), bare-endpoint
// (bench/Courses).
switch (args.FirstOrDefault())
{
    case "silo":
        return await SiloCommand.RunAsync(args);
    case "echo-server":
        return await EchoServerCommand.RunAsync(args);
    case BareEndpoint.Command:
        return await BareEndpoint.RunAsync(args);
}

var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).DefaultIfEmpty(5).First();
var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToHashSet();
bool Runs(string name) => selected.Count == 0 || selected.Contains(name);
var shown = args.Where(a => a != "--update-docs").ToList();
var report = new BenchmarkReport("dotnet run -c Release --project bench" + (shown.Count == 0 ? "" : " -- " + string.Join(' ', shown)));

Console.WriteLine($"Actors benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}" +
                  (File.Exists("/proc/loadavg") ? $"; load average {File.ReadAllText("/proc/loadavg").Trim()}" : ""));
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

if (Runs("navigation"))
{
    Console.WriteLine($"Navigation over HTTP: the API vs a bare Kestrel endpoint, {NavigationHttpBenchmark.Connections} connections, {seconds} s per measurement");
    var navigation = await NavigationHttpBenchmark.RunAsync(TimeSpan.FromSeconds(seconds));
    Console.WriteLine("Navigation: the cost of each step of the handler, in process");
    report.AddNavigation(navigation, TimeSpan.FromSeconds(seconds), await NavigationCostBreakdown.RunAsync());
}

if (Runs("collect"))
{
    Console.WriteLine($"Collect of a generated {CollectBenchmark.Blocks:N0}-block course");
    report.AddCollect(CollectBenchmark.Run());
}

if (Runs("staleness"))
{
    Console.WriteLine($"Staleness: publish under {StalenessBenchmark.Readers} readers of a {CollectBenchmark.Blocks:N0}-block course");
    report.AddStaleness(await StalenessBenchmark.RunAsync());
}

if (Runs("transport"))
{
    Console.WriteLine($"Transport: request/response over loopback TCP, {TransportBenchmark.InFlight} in flight, {seconds} s per measurement");
    report.AddTransport(await TransportBenchmark.RunAsync(TimeSpan.FromSeconds(seconds)), TimeSpan.FromSeconds(seconds));
}

if (Runs("cluster-calls"))
{
    Console.WriteLine($"Cluster calls: client → {ClusterCallsBenchmark.Silos} silo processes vs raw sockets, {ClusterCallsBenchmark.InFlight} in flight, {seconds} s per measurement");
    report.AddClusterCalls(await ClusterCallsBenchmark.RunAsync(TimeSpan.FromSeconds(seconds)), TimeSpan.FromSeconds(seconds));
}

if (Runs("failover"))
{
    Console.WriteLine($"Failover: {FailoverBenchmark.Silos} silo processes, kill the owner of a grain, time to its first successful call; {FailoverBenchmark.Runs} runs");
    report.AddFailover(await FailoverBenchmark.RunAsync());
}

Console.WriteLine();
Console.WriteLine(report.Markdown());
if (args.Contains("--update-docs"))
    report.WriteTo(Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks.md"));

return 0;

/// <summary>Entry point type, also used to find this assembly's grains.</summary>
public partial class Program;
