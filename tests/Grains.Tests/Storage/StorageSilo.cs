using System.Net;
using System.Net.Sockets;
using Actors.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Storage;

namespace Actors.Grains.Tests.Storage;

/// <summary>A started single silo whose storage is wired by <see cref="StorageSiloBuilderExtensions.UseActorsStorage"/>
/// from the configuration given (localhost clustering on free ports unless <c>postgresClustering</c> is set), so the
/// providers under test are built exactly as a host builds them.</summary>
internal sealed class StorageSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private StorageSilo(IHost host, string serviceId)
    {
        _host = host;
        ServiceId = serviceId;
    }

    public string ServiceId { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The default grain storage, which grains use through <c>[PersistentState("name")]</c>.</summary>
    public IGrainStorage DefaultStorage => Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    /// <summary>Orleans' ADO.NET grain storage itself, without the type-qualifying decorator.</summary>
    public IGrainStorage AdoNetStorage => Services.GetRequiredKeyedService<IGrainStorage>(StorageSiloBuilderExtensions.AdoNetGrainStorageName);

    public IReminderTable Reminders => Services.GetRequiredService<IReminderTable>();

    public static async Task<StorageSilo> StartAsync(IReadOnlyDictionary<string, string?> configuration, string? postgresClustering = null,
        string? clusterId = null)
    {
        var serviceId = "storage-tests-" + Guid.NewGuid().ToString("N");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.UseOrleans(silo =>
        {
            var siloPort = FreePort();
            var gatewayPort = FreePort();
            if (postgresClustering is null)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId ?? serviceId);
            }
            else
            {
                silo.Configure<ClusterOptions>(options => (options.ServiceId, options.ClusterId) = (serviceId, clusterId ?? serviceId));
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseActorsPostgresClustering(postgresClustering);
            }

            silo.UseActorsStorage(builder.Configuration);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new StorageSilo(host, serviceId);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
