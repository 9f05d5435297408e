using Actors.Grains.Catalog;
using Actors.Grains.Courses;
using Actors.Grains.Courses.Content;
using Actors.TestSupport.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Catalog;

/// <summary>
/// One in-process silo for the catalog sync tests, with the Open edX grains, grain state in memory, Orleans' in-memory
/// reminders, and <c>Catalog:*</c> pointing at a loopback <see cref="DiscoveryServer"/>. Short per-attempt timeouts and one
/// retry so a failing page fails within seconds; the breaker needs more requests than the tests make, so it stays closed.
/// The reminder is registered but not due for an hour: runs here are started by the tests.
/// </summary>
public sealed class CatalogSilo : IAsyncLifetime
{
    public const string Token = "catalog-service-token";
    public const int PageSize = 100;

    private InProcessTestCluster? _cluster;

    public DiscoveryServer Discovery { get; private set; } = null!;

    internal LogRecorder Logs { get; } = new("Actors.Grains.Catalog");

    public IGrainFactory Grains => _cluster!.Client;

    public IServiceProvider SiloServices => _cluster!.GetSiloServiceProvider();

    public ICatalogSyncGrain Sync => Grains.GetGrain<ICatalogSyncGrain>(CatalogSites.Default);

    public async Task InitializeAsync()
    {
        Discovery = await DiscoveryServer.StartAsync();
        Discovery.RequiredToken = Token;
        var settings = new Dictionary<string, string?>
        {
            ["Catalog:ApiUrl"] = Discovery.ApiUrl.ToString(),
            ["Catalog:ApiToken"] = Token,
            ["Catalog:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalog:SyncPeriod"] = "01:00:00",
            ["Catalog:FirstSyncDelay"] = "01:00:00",
            ["Catalog:Resilience:AttemptTimeout:Timeout"] = "00:00:02",
            ["Catalog:Resilience:TotalRequestTimeout:Timeout"] = "00:00:20",
            ["Catalog:Resilience:Retry:MaxRetryAttempts"] = "1",
            ["Catalog:Resilience:Retry:Delay"] = "00:00:00.050",
            ["Catalog:Resilience:CircuitBreaker:MinimumThroughput"] = "100000",
            ["Catalog:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:30",
        };
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<ILoggerProvider>(Logs);
            silo.AddMemoryGrainStorageAsDefault();
            silo.UseInMemoryReminderService();
            silo.AddOpenEdxGrains();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Starts a run and waits until it ends; returns it as recorded.</summary>
    public async Task<CatalogSyncRun> RunAsync()
    {
        var start = await Sync.StartAsync();
        Assert.Equal(CatalogSyncStartOutcome.Started, start.Outcome);
        return await WaitForRunAsync(start.Run!.Id);
    }

    /// <summary>Waits until run <paramref name="id"/> has ended.</summary>
    public async Task<CatalogSyncRun> WaitForRunAsync(long id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var status = await Sync.GetStatusAsync();
            if (status.RecentRuns.FirstOrDefault(r => r.Id == id) is { State: not CatalogSyncRunState.Running } run)
                return run;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Run {id} did not end: {string.Join("; ", status.RecentRuns)}");
            await Task.Delay(20);
        }
    }

    /// <summary>Publishes a one-unit course under <paramref name="courseKey"/> (<c>course-v1:</c> or <c>ccx-v1:</c>).</summary>
    public async Task PublishAsync(string courseKey, string title = "Catalog course", string? language = "en")
    {
        var course = Grains.GetGrain<ICourseGrain>(courseKey);
        await course.PublishAsync(Content(courseKey, title, language));
    }

    public Task<CourseOverview?> OverviewAsync(string courseKey) => Grains.GetGrain<ICourseGrain>(courseKey).GetOverviewAsync();

    /// <summary>Calls to <c>ApplyCatalogValues</c> this silo has served so far.</summary>
    public long ApplyCalls() => SiloServices.GetRequiredService<Diagnostics.GrainCallStatistics>().Snapshot().Methods
        .Where(m => m.Method.StartsWith("ApplyCatalogValues", StringComparison.Ordinal)).Sum(m => m.Calls);

    internal static CourseContent Content(string courseKey, string title, string? language)
    {
        var key = Actors.Grains.Keys.CourseKey.Parse(courseKey);
        string Usage(string type, string id) => key.MakeUsageKey(type, id).ToString();
        return new CourseContent(
        [
            new ContentBlock(Usage("course", "course"), "course", title, [Usage("chapter", "c")], Course: new CourseSettings(Language: language)),
            new ContentBlock(Usage("chapter", "c"), "chapter", "Section", [Usage("sequential", "s")]),
            new ContentBlock(Usage("sequential", "s"), "sequential", "Subsection", [Usage("vertical", "v")]),
            new ContentBlock(Usage("vertical", "v"), "vertical", "Unit", [Usage("html", "h")]),
            new ContentBlock(Usage("html", "h"), "html", "Text"),
        ]);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await Discovery.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CatalogSyncCollection : ICollectionFixture<CatalogSilo>
{
    public const string Name = "Catalog sync";
}
