using Actors.Grains.Hosting;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Bench.Cluster;

/// <summary>
/// A cluster for the benchmarks: silo processes (<see cref="SiloCommand"/>) and an Orleans client in this process
/// (<c>UseOrleansClient</c> + <c>UseActorsCluster</c>, as the API runs in cluster mode), membership in a throwaway
/// PostgreSQL (or the server <c>ACTORS_BENCH_POSTGRES</c> names). Disposing stops the client, the silos and the server,
/// also after a failure.
/// </summary>
internal sealed class SiloProcessCluster : IAsyncDisposable
{
    private readonly List<BenchChildProcess> _silos = [];
    private readonly List<BenchChildProcess> _killed = [];
    private readonly Action<string, string>? _watch;
    private PostgresServer? _server;
    private IHost? _client;
    private string _connectionString = "";
    private int _started;

    private SiloProcessCluster(Action<string, string>? watch) => _watch = watch;

    /// <summary>The running silo processes, oldest first.</summary>
    public IReadOnlyList<BenchChildProcess> Silos
    {
        get
        {
            lock (_silos)
                return [.. _silos];
        }
    }

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public MembershipTable Membership { get; private set; } = null!;

    public string Database { get; private set; } = "";

    /// <summary>Starts the database, <paramref name="silos"/> silo processes and the client; <paramref name="watch"/>,
    /// if given, sees every line a silo writes (silo name, line).</summary>
    public static async Task<SiloProcessCluster> StartAsync(int silos, Action<string, string>? watch = null)
    {
        var cluster = new SiloProcessCluster(watch);
        try
        {
            var external = Environment.GetEnvironmentVariable("ACTORS_BENCH_POSTGRES");
            cluster._server = external is null ? await PostgresServer.StartDedicatedAsync() : null;
            cluster._connectionString = external ?? await cluster._server!.CreateDatabaseAsync("cluster");
            cluster.Database = cluster._server?.ToString() ?? "ACTORS_BENCH_POSTGRES";
            cluster.Membership = new MembershipTable(cluster._connectionString);

            // The first silo creates the schema; the others then join together.
            await cluster.StartSiloAsync();
            await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => cluster.StartSiloAsync()));

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            var configuration = BenchClusterConfiguration.Client(cluster._connectionString);
            builder.UseOrleansClient(client => BenchSettings.ApplyClientConnections(client.UseActorsCluster(configuration)));
            cluster._client = builder.Build();
            await cluster._client.StartAsync();
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
        var silo = await BenchChildProcess.StartAsync(name, [SiloCommand.Name, "--name", name, "--pg", _connectionString],
            watch: _watch is null ? null : line => _watch(name, line));
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

    /// <summary>Waits until the membership table lists exactly the running silos as Active (the others Dead).</summary>
    public async Task WaitForActiveSilosAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var active = (await Membership.ReadAsync()).Where(r => r.Status == MembershipRow.Active).Select(r => r.SiloName).Order().ToList();
            if (active.SequenceEqual(Silos.Select(s => s.Name).Order()))
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The membership table lists {string.Join(", ", active)} as active, not {string.Join(", ", Silos.Select(s => s.Name))}.");
            await Task.Delay(50);
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
        if (Membership is not null)
            await Membership.DisposeAsync();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
