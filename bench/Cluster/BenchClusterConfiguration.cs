using System.Net;
using System.Net.Sockets;
using Actors.Grains.Hosting;
using Actors.Grains.Storage;
using Microsoft.Extensions.Configuration;

namespace Actors.Bench.Cluster;

/// <summary>
/// The configuration the benchmark's silos and clients are given, in the product's keys (<see cref="ActorsClusterOptions"/>
/// under <c>Actors:Cluster</c>, <c>ConnectionStrings:Actors</c>), so they join the cluster exactly as src/Silo and
/// src/Api do through <c>UseActorsCluster</c>.
/// </summary>
internal static class BenchClusterConfiguration
{
    public const string ClusterId = "bench";
    public const string ServiceId = "bench";

    /// <summary>A clustered silo on loopback, on free ports, membership (and storage) in <paramref name="connectionString"/>.</summary>
    public static IConfiguration ClusteredSilo(string name, string connectionString) => Build(
        ("Actors:Cluster:Enabled", "true"),
        ("Actors:Cluster:SiloName", name),
        ("Actors:Cluster:AdvertisedAddress", "127.0.0.1"),
        ("Actors:Cluster:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Actors:Cluster:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Actors:Cluster:ClusterId", ClusterId),
        ("Actors:Cluster:ServiceId", ServiceId),
        ($"ConnectionStrings:{StorageSiloBuilderExtensions.ConnectionStringName}", connectionString));

    /// <summary>A client of the cluster whose membership table is in <paramref name="connectionString"/>.</summary>
    public static IConfiguration Client(string connectionString) => Build(
        ("Actors:Cluster:Enabled", "true"),
        ("Actors:Cluster:ClusterId", ClusterId),
        ("Actors:Cluster:ServiceId", ServiceId),
        ($"ConnectionStrings:{StorageSiloBuilderExtensions.ConnectionStringName}", connectionString));

    /// <summary>The embedded default (one silo, in-memory membership, no gateway) on a free silo port, storing in
    /// <paramref name="connectionString"/> when given (else the caller picks the storage).</summary>
    public static IConfiguration EmbeddedSilo(string? connectionString = null) => Build(
        ("Actors:Cluster:Enabled", "false"),
        ("Actors:Cluster:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Actors:Cluster:ServiceId", ServiceId),
        ($"ConnectionStrings:{StorageSiloBuilderExtensions.ConnectionStringName}", connectionString));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IConfiguration Build(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Where(s => s.Value is not null).Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
}
