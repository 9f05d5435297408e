using Orleans.Configuration;

namespace Actors.Bench.Cluster;

/// <summary>
/// Settings tried while looking for where cross-process grain calls spend their time, read from the environment (and so
/// inherited by the silo processes); unset, everything is as the product ships it:
/// <list type="bullet">
/// <item><c>ACTORS_BENCH_SILO_DASHBOARD=off</c>: silos without the dashboard's silo part (src/Silo has it);</item>
/// <item><c>ACTORS_BENCH_CONNECTIONS_PER_ENDPOINT=N</c>: the client's and silos' <see cref="ConnectionOptions.ConnectionsPerEndpoint"/> (default 1).</item>
/// </list>
/// </summary>
internal static class BenchSettings
{
    public static bool SiloDashboard => Environment.GetEnvironmentVariable("ACTORS_BENCH_SILO_DASHBOARD") != "off";

    public static int? ConnectionsPerEndpoint =>
        int.TryParse(Environment.GetEnvironmentVariable("ACTORS_BENCH_CONNECTIONS_PER_ENDPOINT"), out var connections) ? connections : null;

    /// <summary>What differs from the product's defaults in this run, for the report ("" when nothing does).</summary>
    public static string Describe() => string.Join("; ", new[]
    {
        SiloDashboard ? null : "silos without the dashboard",
        ConnectionsPerEndpoint is { } n ? $"ConnectionsPerEndpoint = {n}" : null,
    }.Where(s => s is not null));

    public static void ApplySiloMessaging(ISiloBuilder silo)
    {
        if (ConnectionsPerEndpoint is { } connections)
            silo.Configure<ConnectionOptions>(o => o.ConnectionsPerEndpoint = connections);
    }

    public static IClientBuilder ApplyClientConnections(IClientBuilder client)
    {
        if (ConnectionsPerEndpoint is { } connections)
            client.Configure<ConnectionOptions>(o => o.ConnectionsPerEndpoint = connections);
        return client;
    }
}
