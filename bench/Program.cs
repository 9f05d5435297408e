using Actors.Bench;
using Actors.Bench.Catalog;
using Actors.Bench.Cluster;
using Actors.Bench.Courses;
using Actors.Bench.Dashboard;
using Actors.Bench.Mobile;
using Actors.Bench.Persistence;
using Actors.Bench.Students;

// Benchmarks of the product on Orleans. Usage: dotnet run -c Release --project bench -- [navigation] [collect] [staleness]
//   [persistence] [group-commit] [cluster-calls] [failover] [dashboard] [catalog] [mobile] [false-death] [--seconds N] [--soak-minutes N] [--update-docs]
// navigation, collect, staleness: courses (section bench:courses); persistence: grain-state writes (bench:persistence);
// group-commit: courseware state writes, the learner grain's group commit vs Open edX's way (bench:group-commit);
// cluster-calls, failover: grain calls across processes and failover after a silo is killed (bench:cluster);
// false-death: a soak looking for healthy silos declared dead (bench:false-death); dashboard: the Orleans Dashboard's
// cost (bench:dashboard); catalog: a catalog sync of 3,200 course runs from a loopback catalog (bench:catalog);
// mobile: the mobile enrollments endpoint with the Catalog down (bench:mobile).
// navigation and mobile start src/Api's build output of the same configuration: build the solution first (dotnet build -c
// Release Actors.sln). With no benchmark named, runs all but false-death (a soak of --soak-minutes, default 10).
// --update-docs rewrites the sections of docs/benchmarks.md that this run measured and leaves the others as they are.
// NAV_ONLY_SAMPLE=1 in the environment limits navigation to the sample course (a quicker run while working on it).
// Hidden subcommands, run by the benchmarks as child processes: silo, echo-server (bench/Cluster), dashboard-host
// (bench/Dashboard), bare-endpoint (bench/Courses).
switch (args.FirstOrDefault())
{
    case SiloCommand.Name:
        return await SiloCommand.RunAsync(args);
    case EchoServerCommand.Name:
        return await EchoServerCommand.RunAsync();
    case DashboardHostCommand.Name:
        return await DashboardHostCommand.RunAsync(args);
    case BareEndpoint.Command:
        return await BareEndpoint.RunAsync(args);
}

int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();
var seconds = Option("--seconds", 5);
var soakMinutes = Option("--soak-minutes", 10);
var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToHashSet();
bool Runs(string name) => selected.Contains(name) || (selected.Count == 0 && name != "false-death");
var shown = args.Where(a => a != "--update-docs").ToList();
var report = new BenchmarkReport("dotnet run -c Release --project bench" + (shown.Count == 0 ? "" : " -- " + string.Join(' ', shown)));
var duration = TimeSpan.FromSeconds(seconds);

Console.WriteLine($"Actors benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average {FalseDeathSoak.LoadAverage()}");
if (Runs("navigation"))
{
    Console.WriteLine($"Navigation over HTTP: the API vs a bare Kestrel endpoint, {NavigationHttpBenchmark.Connections} connections, {seconds} s per measurement");
    var navigation = await NavigationHttpBenchmark.RunAsync(duration);
    Console.WriteLine("Navigation: the cost of each step of the handler, in process");
    report.AddNavigation(navigation, duration, await NavigationCostBreakdown.RunAsync());
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

if (Runs("persistence"))
{
    Console.WriteLine($"Persistence: grain-state writes on PostgreSQL, {seconds} s per measurement");
    report.AddStateWrites(await StateWriteBenchmark.RunAsync(duration), duration);
}

if (Runs("group-commit"))
{
    Console.WriteLine($"Group commit: courseware state writes on PostgreSQL, {GroupCommitWorkload.Callers} writers, {seconds} s per measurement");
    report.AddGroupCommit(await GroupCommitBenchmark.RunAsync(duration), duration);
}

if (Runs("cluster-calls"))
{
    Console.WriteLine($"Cluster calls: client → {ClusterCallsBenchmark.Silos} silo processes vs raw sockets, {ClusterCallsBenchmark.InFlight} in flight, {seconds} s per measurement");
    report.AddClusterCalls(await ClusterCallsBenchmark.RunAsync(duration), duration);
}

if (Runs("failover"))
{
    Console.WriteLine($"Failover: {FailoverBenchmark.Silos} silo processes, kill the owner of a grain, time to its first successful call; {FailoverBenchmark.Runs} runs");
    report.AddFailover(await FailoverBenchmark.RunAsync());
}

if (Runs("false-death"))
{
    Console.WriteLine($"False deaths: {FalseDeathSoak.Silos} silo processes under load for {soakMinutes} min");
    report.AddSoak(await FalseDeathSoak.RunAsync(TimeSpan.FromMinutes(soakMinutes)));
}

if (Runs("dashboard"))
{
    Console.WriteLine($"Dashboard: grain calls/s with and without the Orleans Dashboard, {seconds} s per measurement");
    report.AddDashboard(await DashboardBenchmark.RunAsync(duration), duration);
}

if (Runs("catalog"))
{
    Console.WriteLine($"Catalog sync: {CatalogSyncBenchmark.CourseRuns:N0} course runs from a loopback catalog adding {CatalogSyncBenchmark.PageDelay.TotalMilliseconds:N0} ms per page");
    report.AddCatalog(await CatalogSyncBenchmark.RunAsync());
}

if (Runs("mobile"))
{
    Console.WriteLine($"Mobile enrollments over HTTP, Catalog down: a learner with {MobileEnrollmentsBenchmark.Courses} enrollments, " +
                      $"{MobileEnrollmentsBenchmark.Connections} connections, {seconds} s per measurement");
    report.AddMobile(await MobileEnrollmentsBenchmark.RunAsync(duration), duration);
}

Console.WriteLine();
Console.WriteLine(report.Markdown());
if (args.Contains("--update-docs"))
    report.WriteTo(Path.Combine(BenchmarkReport.RepositoryRoot(), "docs", "benchmarks.md"));

return 0;

/// <summary>Entry point type.</summary>
public partial class Program;
