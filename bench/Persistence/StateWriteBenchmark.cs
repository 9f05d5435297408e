using System.Diagnostics;
using Actors.Bench.Cluster;
using Actors.Grains;
using Actors.Grains.Hosting;
using Actors.Grains.Storage;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Bench.Persistence;

/// <summary>
/// Grain-state writes on PostgreSQL through the product's storage wiring (<c>UseActorsStorage</c> with
/// <c>ConnectionStrings:Actors</c>: Orleans' ADO.NET grain storage, our schema and queries) in a silo in this process
/// (the embedded default's clustering, as the API hosts it): 64 callers writing to 1 grain (the grain serialises them) and to 1,000 grains
/// (caller c owns grains c, c+64, ...), next to a raw Npgsql baseline doing the same versioned update on the same
/// rows with the same concurrency (1 grain: one writer at a time, as the grain does). A durable throwaway server
/// (fsync on) is started unless ACTORS_BENCH_POSTGRES names one.
/// </summary>
internal static class StateWriteBenchmark
{
    private const int Callers = 64;
    private const string ServiceId = BenchClusterConfiguration.ServiceId;
    public const double TargetRatio = 0.8;

    /// <summary>Each row's time is split into this many slices, taken in turn with the other rows' of its group, so
    /// drift on a shared machine (fsync times above all) affects every row alike.</summary>
    public const int Rounds = 4;

    public static async Task<List<Measurement>> RunAsync(TimeSpan duration)
    {
        var external = Environment.GetEnvironmentVariable("ACTORS_BENCH_POSTGRES");
        await using var server = external is null ? await PostgresServer.StartDedicatedAsync(durable: true) : null;
        var connectionString = external ?? await server!.CreateDatabaseAsync("bench");
        Console.WriteLine($"  PostgreSQL: {(server?.ToString() ?? "ACTORS_BENCH_POSTGRES")}");

        await using var silo = await InProcessSilo.StartAsync(postgresConnectionString: connectionString);
        var grains = silo.Grains;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await RawNpgsqlWriter.SeedAsync(dataSource, ServiceId, 1000);

        var results = new List<Measurement>();
        var rawWriters = Enumerable.Range(0, Callers).Select(_ => new RawNpgsqlWriter(dataSource, ServiceId)).ToArray();
        var productQuery = await ProductQueryWriter.ReadQueryAsync(dataSource);
        var queryWriters = Enumerable.Range(0, Callers).Select(_ => new ProductQueryWriter(dataSource, ServiceId, productQuery)).ToArray();
        foreach (var grainCount in new[] { 1, 1000 })
        {
            WriteLoad[] loads =
            [
                new($"raw Npgsql versioned update (baseline), {grainCount} rows", grainCount,
                    SameRowOneAtATime(grainCount, (caller, key, n) => rawWriters[caller].WriteAsync(key, n))),
                new($"the product's write query through raw Npgsql, {grainCount} rows", grainCount,
                    SameRowOneAtATime(grainCount, (caller, key, n) => queryWriters[caller].WriteAsync(key, n))),
                new($"{GrainRowPrefix}{grainCount} grains", grainCount,
                    (caller, n) => grains.GetGrain<IStateWriterGrain>(KeyFor(caller, n, grainCount)).Write(n)),
            ];
            foreach (var load in loads)
                await load.PrimeAsync();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var load in loads)
                    await load.MeasureAsync(duration / Rounds);
            }

            results.AddRange(loads.Select(load => load.Result()));
        }

        return results;
    }

    /// <summary>How the grain rows' subjects start.</summary>
    public const string GrainRowPrefix = "grain state writes, ";

    // A write of caller c to its next row; for the single row, one writer at a time (writer 0, so its remembered version
    // stays right), as the grain serialises its writes.
    private static Func<int, int, ValueTask> SameRowOneAtATime(int grainCount, Func<int, long, int, ValueTask> write)
    {
        if (grainCount != 1)
            return (caller, n) => write(caller, KeyFor(caller, n, grainCount), n);
        var oneAtATime = new SemaphoreSlim(1);
        return async (_, n) =>
        {
            await oneAtATime.WaitAsync();
            try
            {
                await write(0, 0, n);
            }
            finally
            {
                oneAtATime.Release();
            }
        };
    }

    // Caller c owns the keys k < grainCount with k mod 64 = c, so no two callers write the same row.
    private static long KeyFor(int caller, int n, int grainCount) =>
        grainCount == 1 ? 0 : caller + (long)Callers * (n % ((grainCount - caller + Callers - 1) / Callers));

    /// <summary>One row: a way to write, and what its slices measured so far.</summary>
    private sealed class WriteLoad(string subject, int grainCount, Func<int, int, ValueTask> write)
    {
        private readonly LatencyRecorder _recorder = new(64 * 1024);
        private long _writes;
        private TimeSpan _elapsed;

        /// <summary>Every row (grain) written once (rows inserted, grains activated), then 1 s of warm-up.</summary>
        public async Task PrimeAsync()
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(Callers, grainCount)).Select(caller => Task.Run(async () =>
            {
                for (var n = 0; n < (grainCount + Callers - 1) / Callers; n++)
                    await write(caller, n);
            })));
            await ClosedLoop.RunAsync(Callers, TimeSpan.FromSeconds(1), new LatencyRecorder(64 * 1024), write);
        }

        public async Task MeasureAsync(TimeSpan duration)
        {
            var started = Stopwatch.GetTimestamp();
            _writes += await ClosedLoop.RunAsync(Callers, duration, _recorder, write);
            _elapsed += Stopwatch.GetElapsedTime(started);
        }

        public Measurement Result()
        {
            var (p50, p99) = _recorder.Percentiles();
            var result = new Measurement(subject, grainCount, _writes, _elapsed, p50, p99);
            Console.WriteLine($"  {subject,-56} {result.PerSecond,8:N0} writes/s  p50={p50.TotalMilliseconds,7:N2} ms  p99={p99.TotalMilliseconds,7:N2} ms");
            return result;
        }
    }
}
