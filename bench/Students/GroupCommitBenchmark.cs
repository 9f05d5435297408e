using Actors.Bench.Cluster;
using Actors.Grains;
using Actors.Grains.Hosting;
using Actors.Grains.Storage;
using Actors.Grains.Students;
using Actors.Grains.Students.State;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Bench.Students;

/// <summary>
/// Courseware state writes (Open edX's StudentModule) on PostgreSQL, 64 concurrent writers: the product's
/// <see cref="IStudentModuleGrain.SetStateAsync"/> (group commit) through the grain factory of a silo in this process
/// (built as the API's embedded default with <c>UseActorsStorage</c> on <c>ConnectionStrings:Actors</c>), against
/// Open edX's way (<see cref="OpenEdxStateWriter"/>) on the same table, for one learner's blocks and spread over 1,000
/// learners; database transactions counted by PostgreSQL for both (<see cref="TransactionCounter"/>). A durable
/// throwaway server (fsync on) is started unless ACTORS_BENCH_POSTGRES names one.
/// </summary>
internal static class GroupCommitBenchmark
{
    /// <summary>Each row's time is split into this many slices, taken in turn with the other row of its group.</summary>
    public const int Rounds = 4;

    public const double TargetOneUser = 5;
    public const double TargetSpread = 2;
    public const double TargetTransactionsPerThousand = 50;

    public static async Task<GroupCommitRun> RunAsync(TimeSpan duration)
    {
        var external = Environment.GetEnvironmentVariable("ACTORS_BENCH_POSTGRES");
        await using var server = external is null ? await PostgresServer.StartDedicatedAsync(durable: true) : null;
        var connectionString = TransactionCounter.Pooled(external ?? await server!.CreateDatabaseAsync("groupcommit"));
        Console.WriteLine($"  PostgreSQL: {(server?.ToString() ?? "ACTORS_BENCH_POSTGRES")}");

        await using var silo = await InProcessSilo.StartAsync(postgresConnectionString: connectionString);
        var grains = silo.Grains;
        var options = silo.Services.GetRequiredService<IOptions<StudentStateOptions>>().Value;
        Console.WriteLine($"  Actors:Students:FlushWindow {options.FlushWindow.TotalMilliseconds} ms, MaxBatchSize {options.MaxBatchSize}");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var counter = new TransactionCounter(connectionString, [dataSource, silo.Services.GetRequiredService<NpgsqlDataSource>()]);
        var openEdx = new OpenEdxStateWriter(dataSource);

        var results = new List<GroupCommitResult>();
        var writesPerFlush = new List<double>();
        foreach (var users in new[] { 1, 1000 })
        {
            var scale = users == 1 ? "one learner's 256 blocks" : "1,000 learners, 4 blocks each";
            var baseline = new GroupCommitWorkload(users, $"gc-openedx-{users}-");
            var product = new GroupCommitWorkload(users, $"gc-actors-{users}-");
            GroupCommitLoad[] loads =
            [
                new($"Open edX's way, one transaction per write (baseline), {scale}", baseline, isGrain: false, (caller, n) =>
                {
                    var (username, usageKey) = baseline.Target(caller, n);
                    return openEdx.WriteAsync(username, usageKey, GroupCommitWorkload.State(n));
                }, counter),
                new($"Actors group commit (StudentModuleGrain), {scale}", product, isGrain: true, (caller, n) =>
                {
                    var (username, usageKey) = product.Target(caller, n);
                    return grains.GetGrain<IStudentModuleGrain>(username).SetStateAsync(usageKey, GroupCommitWorkload.State(n));
                }, counter),
            ];
            foreach (var load in loads)
                await load.PrimeAsync();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var load in loads)
                    await load.MeasureAsync(duration / Rounds);
            }

            results.AddRange(loads.Select(load => load.Result()));
            writesPerFlush.Add(await WritesPerFlushAsync(grains, product));
        }

        return new GroupCommitRun(results, writesPerFlush, options);
    }

    /// <summary>The grains' own count over the whole run (priming and warm-up too): acknowledged writes per flush.</summary>
    private static async Task<double> WritesPerFlushAsync(IGrainFactory grains, GroupCommitWorkload workload)
    {
        var statistics = await Task.WhenAll(Enumerable.Range(0, workload.Users)
            .Select(user => grains.GetGrain<IStudentModuleGrain>(workload.Username(user)).GetWriteStatisticsAsync()));
        var writes = statistics.Sum(s => s.Writes);
        var flushes = statistics.Sum(s => s.Flushes);
        Console.WriteLine($"  grains' own statistics, {workload.Users:N0} learner(s): {writes:N0} writes in {flushes:N0} flushes, " +
                          $"{statistics.Sum(s => s.FailedWrites):N0} failed");
        return flushes == 0 ? 0 : (double)writes / flushes;
    }
}

/// <summary>What the group-commit benchmark measured.</summary>
/// <param name="Results">Baseline then product, one learner then 1,000.</param>
/// <param name="WritesPerFlush">The grains' acknowledged writes per flush, one learner then 1,000.</param>
/// <param name="Options">The group commit options in force.</param>
internal sealed record GroupCommitRun(List<GroupCommitResult> Results, List<double> WritesPerFlush, StudentStateOptions Options);
