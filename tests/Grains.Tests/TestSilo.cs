using Actors.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Grains.Tests;

/// <summary>
/// An Orleans test cluster of one silo in this process with the Open edX grains: grain state in memory, or in a SQLite
/// file or PostgreSQL through the product's own storage wiring. Services registered by <c>services</c> come before the
/// grains' own, so they win (a clock, a student store).
/// </summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private TestSilo(InProcessTestCluster cluster) => _cluster = cluster;

    /// <summary>The cluster's client: calls cross Orleans' serialization as they would from an API process.</summary>
    public IGrainFactory Grains => _cluster.Client;

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _cluster.GetSiloServiceProvider();

    public static async Task<TestSilo> StartAsync(TimeProvider? clock = null, Action<IServiceCollection>? services = null, string? sqlitePath = null,
        string? postgresConnectionString = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            if (clock is not null)
                silo.Services.AddSingleton(clock);
            services?.Invoke(silo.Services);
            if (postgresConnectionString is not null)
                silo.UseActorsStorage(Configuration(($"ConnectionStrings:{StorageSiloBuilderExtensions.ConnectionStringName}", postgresConnectionString)));
            else if (sqlitePath is not null)
                silo.UseActorsStorage(Configuration(("Actors:Storage:SqlitePath", sqlitePath)));
            else
                silo.AddMemoryGrainStorageAsDefault();
            silo.AddOpenEdxGrains();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestSilo(cluster);
    }

    /// <summary>Deactivates every idle activation, so the next call activates afresh from storage; returns by how many
    /// the silo's activations went down.</summary>
    public async Task<int> CollectAsync()
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var before = await management.GetTotalActivationCount();
        await management.ForceActivationCollection(TimeSpan.Zero);
        return before - await management.GetTotalActivationCount();
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
