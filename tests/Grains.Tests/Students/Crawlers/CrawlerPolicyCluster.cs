using Actors.Grains.Students;
using Actors.Grains.Tests.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Students.Crawlers;

/// <summary>An in-process cluster of two silos with the Open edX grains (state in memory), a
/// <see cref="CrawlersGrainProbe"/> on every silo and <c>Actors:Crawlers:RefreshInterval</c> set to
/// <paramref name="refreshInterval"/>; shared by the tests of one class.</summary>
public abstract class CrawlerPolicyCluster(TimeSpan refreshInterval) : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    internal CrawlersGrainProbe Probe { get; } = new();

    internal LogRecorder Logs { get; } = new("Actors.Grains.Students");

    internal TimeSpan RefreshInterval => refreshInterval;

    internal IGrainFactory Grains => Cluster.Client;

    /// <summary>Each silo's <see cref="CrawlerPolicy"/>.</summary>
    internal IReadOnlyList<CrawlerPolicy> Policies =>
        Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<CrawlerPolicy>()).ToList();

    private InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(Probe);
            silo.Services.AddSingleton<ILoggerProvider>(Logs);
            silo.Services.Configure<CrawlerPolicyOptions>(o => o.RefreshInterval = refreshInterval);
            silo.AddIncomingGrainCallFilter<CrawlersGrainProbe.Filter>();
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddOpenEdxGrains();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is null)
            return;
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}

/// <summary>A two-silo cluster whose copies never refresh during a test (1 hour), so only the change notice or the first
/// load can change them.</summary>
public sealed class SlowRefreshCrawlerCluster() : CrawlerPolicyCluster(TimeSpan.FromHours(1));

/// <summary>A two-silo cluster whose copies refresh every 300 ms.</summary>
public sealed class FastRefreshCrawlerCluster() : CrawlerPolicyCluster(TimeSpan.FromMilliseconds(300));
