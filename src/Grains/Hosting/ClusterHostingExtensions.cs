using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Actors.Grains.Diagnostics;
using Actors.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Actors.Grains.Hosting;

/// <summary>Puts a silo or a cluster client into the cluster that <see cref="ActorsClusterOptions"/> describes.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>The default gateway port of a silo in a cluster.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>Reads <see cref="ActorsClusterOptions"/> from <paramref name="configuration"/>.</summary>
    public static ActorsClusterOptions ClusterOptionsFrom(IConfiguration configuration) =>
        configuration.GetSection(ActorsClusterOptions.Section).Get<ActorsClusterOptions>() ?? new ActorsClusterOptions();

    /// <summary>The embedded default (one silo on loopback, in-memory membership) or, with <c>Actors:Cluster:Enabled</c>,
    /// a member of the cluster whose membership table is in PostgreSQL, with the failure detection of
    /// <see cref="FailureDetection"/>.</summary>
    public static ISiloBuilder UseActorsCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = ClusterOptionsFrom(configuration);
        if (options.SiloName is { Length: > 0 } name)
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloActiveLogger>();
        if (!options.Enabled)
            return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort ?? 0, serviceId: options.ServiceId, clusterId: options.ClusterId);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(AdvertisedAddress(options), options.SiloPort, options.GatewayPort ?? DefaultGatewayPort, options.ListenOnAnyHostAddress);
        silo.UseActorsPostgresClustering(RequiredConnectionString(configuration));
        silo.Configure<ClusterMembershipOptions>(FailureDetection.Apply);
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(FailureDetection.Section));
        return silo;
    }

    /// <summary>A cluster client (an API process in cluster mode): finds the silos' gateways in the membership table.</summary>
    public static IClientBuilder UseActorsCluster(this IClientBuilder client, IConfiguration configuration)
    {
        var options = ClusterOptionsFrom(configuration);
        client.Services.AllowControlCommandTypes();
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        client.UseActorsPostgresClustering(RequiredConnectionString(configuration));
        return client;
    }

    private static string RequiredConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(StorageSiloBuilderExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{ActorsClusterOptions.Section}:Enabled is true but ConnectionStrings:{StorageSiloBuilderExtensions.ConnectionStringName} is not set: " +
                "a cluster keeps its membership table, grain state and reminders in PostgreSQL, shared by every silo.");
        }

        return connectionString;
    }

    private static IPAddress AdvertisedAddress(ActorsClusterOptions options)
    {
        if (options.AdvertisedAddress is { Length: > 0 } configured)
        {
            return IPAddress.TryParse(configured, out var address)
                ? address
                : throw new InvalidOperationException($"{ActorsClusterOptions.Section}:AdvertisedAddress '{configured}' is not an IP address.");
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? IPAddress.Loopback;
    }
}
