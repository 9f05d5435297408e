using Actors.Bench.Cluster;
using Actors.Grains;
using Actors.Grains.Hosting;
using Actors.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace Actors.Bench;

/// <summary>
/// An Orleans silo in this process, built as the API's embedded default builds its own (<c>UseActorsCluster</c> with
/// clustering off, <c>AddOpenEdxGrains</c>, and, if asked, the dashboard's silo part as the API adds it) but on a free
/// silo port and with grain state in memory, or in PostgreSQL through the product's storage wiring (<c>UseActorsStorage</c>)
/// when given a connection string; logging off. Calls go through <see cref="Grains"/>, the silo's own grain
/// factory, as the API's handlers call.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <param name="withDashboard">Adds the dashboard's silo part.</param>
    /// <param name="postgresConnectionString">Stores in PostgreSQL; in memory when null.</param>
    /// <param name="settings">Product settings the silo's services bind (e.g. <c>Catalog:*</c>).</param>
    /// <param name="configureSilo">More silo configuration, applied before the grains are added.</param>
    public static async Task<InProcessSilo> StartAsync(bool withDashboard = false, string? postgresConnectionString = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<ISiloBuilder>? configureSilo = null)
    {
        var configuration = BenchClusterConfiguration.EmbeddedSilo(postgresConnectionString);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseActorsCluster(configuration);
            if (postgresConnectionString is null)
                silo.AddMemoryGrainStorageAsDefault();
            else
                silo.UseActorsStorage(configuration);
            configureSilo?.Invoke(silo);
            silo.AddOpenEdxGrains();
            if (withDashboard)
                silo.AddDashboard(options => options.HideTrace = true);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
