using Actors.Bench.Cluster;
using Actors.Grains;
using Actors.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace Actors.Bench;

/// <summary>
/// An Orleans silo in this process, built as the API's embedded default builds its own (<c>UseActorsCluster</c> with
/// clustering off, <c>AddOpenEdxGrains</c>, and, if asked, the dashboard's silo part as the API adds it) but on a free
/// silo port and with grain state in memory; logging off. Calls go through <see cref="Grains"/>, the silo's own grain
/// factory, as the API's handlers call.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<InProcessSilo> StartAsync(bool withDashboard = false)
    {
        var configuration = BenchClusterConfiguration.EmbeddedSilo();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseActorsCluster(configuration).AddMemoryGrainStorageAsDefault().AddOpenEdxGrains();
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
