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

    public static async Task<List<Measurement>> RunAsync(TimeSpan duration)
    {
        var external = Environment.GetEnvironmentVariable("ACTORS_BENCH_POSTGRES");
        await using var server = external is null ? await PostgresServer.StartDedicatedAsync(durable: true) : null;
        var connectionString = external ?? await server!.CreateDatabaseAsync("bench");
        Console.WriteLine($"  PostgreSQL: {(server?.ToString() ?? "ACTORS_BENCH_POSTGRES")}");

        var configuration = BenchClusterConfiguration.EmbeddedSilo(connectionString);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseActorsCluster(configuration).UseActorsStorage(configuration).AddOpenEdxGrains());
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await RawNpgsqlWriter.SeedAsync(dataSource, ServiceId, 1000);

        var results = new List<Measurement>();
        var writers = Enumerable.Range(0, Callers).Select(_ => new RawNpgsqlWriter(dataSource, ServiceId)).ToArray();
        var oneAtATime = new SemaphoreSlim(1);
        foreach (var grainCount in new[] { 1, 1000 })
        {
            results.Add(await MeasureAsync($"raw Npgsql versioned update (baseline), {grainCount} rows", grainCount, async (caller, n) =>
            {
                var key = KeyFor(caller, n, grainCount);
                if (grainCount == 1)
                {
                    await oneAtATime.WaitAsync();
                    try { await writers[0].WriteAsync(key, n); } finally { oneAtATime.Release(); }
                }
                else
                {
                    await writers[caller].WriteAsync(key, n);
                }
            }, duration));
            results.Add(await MeasureAsync($"grain state writes, {grainCount} grains", grainCount,
                (caller, n) => grains.GetGrain<IStateWriterGrain>(KeyFor(caller, n, grainCount)).Write(n), duration));
        }

        await host.StopAsync();
        return results;
    }

    // Caller c owns the keys k < grainCount with k mod 64 = c, so no two callers write the same row.
    private static long KeyFor(int caller, int n, int grainCount) =>
        grainCount == 1 ? 0 : caller + (long)Callers * (n % ((grainCount - caller + Callers - 1) / Callers));

    private static async Task<Measurement> MeasureAsync(string subject, int grainCount, Func<int, int, ValueTask> write, TimeSpan duration)
    {
        await RunAsync(write, TimeSpan.FromSeconds(1), new LatencyRecorder());
        var recorder = new LatencyRecorder();
        var started = Stopwatch.GetTimestamp();
        var calls = await RunAsync(write, duration, recorder);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (p50, p99) = recorder.Percentiles();
        var result = new Measurement(subject, grainCount, calls, elapsed, p50, p99);
        Console.WriteLine($"  {subject,-44} {result.PerSecond,10:N0} writes/s  p50={p50.TotalMilliseconds,7:N2} ms  p99={p99.TotalMilliseconds,7:N2} ms");
        return result;
    }

    private static async Task<long> RunAsync(Func<int, int, ValueTask> write, TimeSpan duration, LatencyRecorder recorder)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long total = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var samples = recorder.ForCaller();
            var n = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                await write(caller, n++);
                samples.Add(Stopwatch.GetTimestamp() - start);
            }

            Interlocked.Add(ref total, n);
        })));
        return total;
    }
}
