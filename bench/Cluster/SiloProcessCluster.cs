using Actors.Runtime;
using Actors.Runtime.Hosting;
using Actors.Runtime.Placement;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Bench.Cluster;

/// <summary>
/// A cluster for the benchmarks: silo processes (<see cref="SiloCommand"/>) and a cluster client in this process
/// (<c>AddActorClient</c>, as the API runs), membership in a throwaway PostgreSQL (or the server
/// <c>ACTORS_BENCH_POSTGRES</c> names). Disposing stops the client, the silos and the server, also after a failure.
/// </summary>
internal sealed class SiloProcessCluster : IAsyncDisposable
{
    private readonly List<BenchChildProcess> _silos = [];
    private readonly List<BenchChildProcess> _killed = [];
    private PostgresServer? _server;
    private IHost? _client;
    private string _connectionString = "";
    private int _started;

    /// <summary>The running silo processes, oldest first.</summary>
    public IReadOnlyList<BenchChildProcess> Silos => _silos;

    public IGrainFactory Client => _client!.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The placement the client routes by.</summary>
    public PlacementView ClientView => _client!.Services.GetRequiredService<ClusterPlacement>().Current;

    public string Database { get; private set; } = "";

    public static async Task<SiloProcessCluster> StartAsync(int silos)
    {
        var cluster = new SiloProcessCluster();
        try
        {
            var external = Environment.GetEnvironmentVariable("ACTORS_BENCH_POSTGRES");
            cluster._server = external is null ? await PostgresServer.StartDedicatedAsync() : null;
            cluster._connectionString = external ?? await cluster._server!.CreateDatabaseAsync("cluster");
            cluster.Database = cluster._server?.ToString() ?? "ACTORS_BENCH_POSTGRES";

            // The first silo creates the schema; the others then join together.
            await cluster.StartSiloAsync();
            await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => cluster.StartSiloAsync()));

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddActorClient(client => client.AddGrainsFromAssemblyOf<Program>().UsePostgres(cluster._connectionString));
            cluster._client = builder.Build();
            await cluster._client.StartAsync();
            await cluster.WaitForClientViewAsync(TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo process and waits until it is Active.</summary>
    public async Task<BenchChildProcess> StartSiloAsync()
    {
        var name = $"silo-{Interlocked.Increment(ref _started)}";
        var silo = await BenchChildProcess.StartAsync(name, ["silo", "--name", name, "--pg", _connectionString]);
        lock (_silos)
            _silos.Add(silo);
        return silo;
    }

    /// <summary>Kills <paramref name="silo"/> (SIGKILL) and forgets it.</summary>
    public void Kill(BenchChildProcess silo)
    {
        silo.Kill();
        lock (_silos)
        {
            _silos.Remove(silo);
            _killed.Add(silo);
        }
    }

    /// <summary>Whether the client's ring holds exactly the running silos.</summary>
    public bool ClientViewMatchesSilos()
    {
        BenchChildProcess[] silos;
        lock (_silos)
            silos = [.. _silos];
        var ports = ClientView.Ring.Silos.Select(s => s.Port).Order().ToArray();
        return ports.SequenceEqual(silos.Select(s => s.Port).Order());
    }

    /// <summary>Waits until the client's ring holds exactly the running silos.</summary>
    public async Task WaitForClientViewAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!ClientViewMatchesSilos())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The client's view {ClientView} did not come to the silos on ports {string.Join(", ", _silos.Select(s => s.Port))}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"  stopping the cluster client failed: {exception.Message}");
            }

            _client.Dispose();
        }

        BenchChildProcess[] silos;
        lock (_silos)
            silos = [.. _silos, .. _killed];
        await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
