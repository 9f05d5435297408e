using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Storage;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Tests.Storage;

/// <summary>A silo on a throwaway PostgreSQL server that the tests stop and start again.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresResilienceTests
{
    private static Task<TestSilo> StartSiloAsync(string connectionString, RecordingLoggerProvider logs) =>
        TestSilo.StartAsync(
            configure: silo => silo.UsePostgres(connectionString).Configure<StorageOptions>(o =>
            {
                o.InitialBackoff = TimeSpan.FromMilliseconds(50);
                o.MaxBackoff = TimeSpan.FromMilliseconds(250);
            }),
            services: services => services.AddSingleton<ILoggerProvider>(logs));

    [Fact]
    public async Task SiloStartingWhilePostgresIsDown_RetriesWithLoggedAttempts_AndStartsOnceItIsUp()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();
        var connectionString = await server.CreateDatabaseAsync("resilience");
        await server.StopAsync();
        var logs = new RecordingLoggerProvider();

        var starting = StartSiloAsync(connectionString, logs);
        await Eventually.TrueAsync(() => logs.Count(EventIds.StorageRetrying) >= 3, "the silo has retried three times");
        Assert.False(starting.IsCompleted, "the silo started without its database");
        Assert.Contains(logs.Entries, e => e.EventId.Id == EventIds.StorageRetrying && e.Message.Contains("applying schema migrations"));

        await server.StartAsync();
        await using var silo = await starting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>(Probe.Create().Id).Increment());
    }

    [Fact]
    public async Task PostgresRestartUnderLoad_FailsInFlightWritesWithAClearError_AndLaterWritesSucceedWithoutRestartingTheSilo()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();
        var connectionString = await server.CreateDatabaseAsync("resilience");
        var logs = new RecordingLoggerProvider();
        await using var silo = await StartSiloAsync(connectionString, logs);
        var counters = Enumerable.Range(0, 8).Select(_ => silo.Grains.GetGrain<ICounterGrain>(Probe.Create().Id)).ToArray();
        var acknowledged = new int[counters.Length];
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, counters.Length).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    acknowledged[i] = Math.Max(acknowledged[i], await counters[i].Increment());
                }
                catch (Exception exception)
                {
                    failures.Add(exception);
                    await Task.Delay(20);
                }
            }
        })).ToArray();

        await Eventually.TrueAsync(() => acknowledged.All(a => a >= 5), "every counter has acknowledged writes");
        await server.StopAsync();
        await Eventually.TrueAsync(() => failures.Count >= counters.Length, "writes fail while the server is down");
        await server.StartAsync();
        var before = (int[])acknowledged.Clone();
        await Eventually.TrueAsync(() => acknowledged.Select((a, i) => a > before[i] + 3).All(progressed => progressed),
            "every counter acknowledges writes again");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // Failures were reported as such: a storage error, or a version conflict for a write whose commit was lost in
        // transit (the grain then re-reads). Never a false success: every acknowledged value is stored.
        Assert.All(failures, f => Assert.True(f is StorageException { IsTransient: true } or InconsistentStateException,
            $"unexpected failure {f.GetType().Name}: {f.Message}"));
        Assert.Contains(failures, f => f is StorageException);
        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollectionAsync(); // the next reads come from the database
        for (var i = 0; i < counters.Length; i++)
            Assert.True(await counters[i].Get() >= acknowledged[i], $"counter {i} lost acknowledged writes");
    }
}
