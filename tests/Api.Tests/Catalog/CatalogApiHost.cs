using Actors.Api.Tests.Infrastructure;
using Actors.TestSupport.Catalog;

namespace Actors.Api.Tests.Catalog;

/// <summary>The API host (embedded silo) with its catalog sync pointed at a loopback course-discovery server and a marketing
/// site enabled, shared by a test class. <see cref="AttemptTimeout"/> is the discovery client's per-attempt timeout.</summary>
public abstract class CatalogApiHost : IAsyncLifetime
{
    public DiscoveryServer Discovery { get; private set; } = null!;

    internal ApiApplication Api { get; private set; } = null!;

    protected abstract TimeSpan AttemptTimeout { get; }

    /// <summary>The sample course's JSON, re-keyed to <paramref name="courseKey"/> (a <c>course-v1:</c> key).</summary>
    public static string SampleCourseAs(string courseKey) =>
        RepositoryFiles.SampleCourse.Replace("ActorsX+Intro+2026", courseKey["course-v1:".Length..], StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        Discovery = await DiscoveryServer.StartAsync();
        var attempt = AttemptTimeout;
        Api = new ApiApplication(settings: new Dictionary<string, string>
        {
            ["Catalog:ApiUrl"] = Discovery.ApiUrl.ToString(),
            ["Catalog:ApiToken"] = "catalog-token",
            ["Catalog:SyncPeriod"] = "01:00:00",
            ["Features:EnableMarketingSite"] = "true", // the synced marketing URL is the about link
            ["Catalog:FirstSyncDelay"] = "01:00:00",
            ["Catalog:Resilience:AttemptTimeout:Timeout"] = attempt.ToString("c"),
            ["Catalog:Resilience:TotalRequestTimeout:Timeout"] = (attempt * 4).ToString("c"),
            ["Catalog:Resilience:Retry:MaxRetryAttempts"] = "1",
            ["Catalog:Resilience:Retry:Delay"] = "00:00:00.050",
            ["Catalog:Resilience:CircuitBreaker:SamplingDuration"] = (attempt * 4).ToString("c"),
        });
        _ = Api.Server; // start the host
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Discovery.DisposeAsync();
        await Api.DisposeAsync();
    }
}

/// <summary>A host whose catalog pages time out after 5 s per attempt.</summary>
public sealed class CatalogApiFixture : CatalogApiHost
{
    protected override TimeSpan AttemptTimeout => TimeSpan.FromSeconds(5);
}

/// <summary>A host whose catalog pages wait 10 minutes before timing out: a hanging page keeps the sync stuck for the
/// whole test.</summary>
public sealed class StuckCatalogFixture : CatalogApiHost
{
    protected override TimeSpan AttemptTimeout => TimeSpan.FromMinutes(10);
}
