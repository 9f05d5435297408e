using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Persistence;
using Actors.Runtime.Placement;
using Actors.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Testing;

/// <summary>
/// Several silos and a client in one process, talking over real loopback TCP, sharing one membership table, one
/// reminder table and one grain store (in memory, or a PostgreSQL database). Silos can be added, stopped gracefully,
/// killed (no goodbye: heartbeats stop, sockets drop, nothing is flushed) and restarted on the same port.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { ConfigureSilo = s => s.AddGrainsFromAssemblyOf&lt;MyGrain&gt;() });
/// var grain = cluster.Client.GetGrain&lt;IMyGrain&gt;("a");
/// await cluster.KillSiloAsync(cluster.Silos[0]);
/// await cluster.WaitForLivenessToStabilizeAsync();
/// </code>
/// </example>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly InMemoryMembershipTable _membership = new();
    private readonly MemoryReminderTable _reminders = new();
    private readonly MemoryGrainStorage _storage = new();
    private readonly List<TestSilo> _silos = [];
    private readonly Lock _lock = new();
    private IHost? _client;
    private int _siloCount;

    private TestCluster(TestClusterOptions options) => _options = options;

    /// <summary>The running silos, oldest first.</summary>
    public IReadOnlyList<TestSilo> Silos
    {
        get
        {
            lock (_lock)
                return _silos.ToArray();
        }
    }

    /// <summary>A grain factory of the cluster client: a process part that hosts no grains and sends each call to its owner.</summary>
    public IGrainFactory Client => ClientServices.GetRequiredService<IGrainFactory>();

    /// <summary>The client's services.</summary>
    public IServiceProvider ClientServices => _client?.Services ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>The membership table every silo and the client use (to play another silo's part in tests).</summary>
    public IMembershipTable MembershipTable => ClientServices.GetRequiredService<IMembershipTable>();

    /// <summary>The placement the client routes by.</summary>
    public PlacementView ClientPlacement => ClientServices.GetRequiredService<ClusterPlacement>().Current;

    /// <summary>Starts <see cref="TestClusterOptions.InitialSilos"/> silos, then the client, and waits until all agree.</summary>
    public static async Task<TestCluster> StartAsync(TestClusterOptions? options = null)
    {
        var cluster = new TestCluster(options ?? new TestClusterOptions());
        try
        {
            for (var i = 0; i < cluster._options.InitialSilos; i++)
                await cluster.StartAdditionalSiloAsync();
            cluster._client = await cluster.StartHostAsync(services => services.AddActorClient(client => cluster.Configure(client)));
            await cluster.WaitForLivenessToStabilizeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo on a free loopback port and waits until it is Active.</summary>
    public Task<TestSilo> StartAdditionalSiloAsync() => StartSiloAsync($"silo-{Interlocked.Increment(ref _siloCount)}", port: 0);

    /// <summary>Stops <paramref name="silo"/> gracefully: ShuttingDown, its grains deactivate with flush, Dead.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        Forget(silo);
        await silo.Host.StopAsync();
        silo.Host.Dispose();
    }

    /// <summary>Kills <paramref name="silo"/> abruptly: it stops heartbeating and answering at once, its sockets drop,
    /// its activations are abandoned without deactivation, and its row stays Active until the others declare it dead.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        Forget(silo);
        await silo.Silo.KillAsync();
        silo.Host.Dispose();
    }

    /// <summary>Stops <paramref name="silo"/> gracefully and starts a new incarnation with the same name on the same port.</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo)
    {
        var port = silo.Address.Port;
        await StopSiloAsync(silo);
        return await StartSiloAsync(silo.Name, port);
    }

    /// <summary>Waits until every running silo and the client route by a ring of exactly the running silos (a killed
    /// silo has been declared dead, a new one is Active everywhere). Throws <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/> (default 30 s).</summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var silos = Silos;
            var expected = silos.Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToArray();
            var views = silos.Select(s => s.Placement).ToList();
            if (_client is not null)
                views.Add(ClientPlacement);
            if (views.All(view => view.Ring.Silos.SequenceEqual(expected)))
                return;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The cluster did not agree on [{string.Join(", ", expected.AsEnumerable())}] in time; views: {string.Join("; ", views)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The running silo that owns <paramref name="grainId"/> in the client's view.</summary>
    public TestSilo OwnerOf(GrainId grainId)
    {
        var owner = ClientPlacement.OwnerOf(grainId);
        return Silos.FirstOrDefault(s => s.Address == owner)
            ?? throw new InvalidOperationException($"No running silo owns {grainId} in the client's view {ClientPlacement}.");
    }

    /// <summary>Stops the client and every silo gracefully.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var silo in Silos.Reverse())
            await StopSiloAsync(silo);
    }

    private async Task<TestSilo> StartSiloAsync(string name, int port)
    {
        var host = await StartHostAsync(services => services.AddActorSilo(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.Enabled = true;
                o.ListenAddress = "127.0.0.1";
                o.SiloPort = port;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = name);
            Configure(silo);
        }));
        var silo = new TestSilo(name, host);
        lock (_lock)
            _silos.Add(silo);
        return silo;
    }

    private void Configure(SiloBuilder builder)
    {
        builder.Configure(_options.ConfigureMembership);
        if (_options.PostgresConnectionString is { } connectionString)
            builder.UsePostgres(connectionString);
        _options.ConfigureSilo?.Invoke(builder);
    }

    private async Task<IHost> StartHostAsync(Action<IServiceCollection> addRuntime)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        if (_options.LoggerProvider is { } provider)
            builder.Logging.AddProvider(provider);
        _options.ConfigureServices?.Invoke(builder.Services);
        if (_options.PostgresConnectionString is null)
        {
            // Registered before the runtime's own defaults, which are added only if missing.
            builder.Services.TryAddSingleton<IMembershipTable>(_membership);
            builder.Services.TryAddSingleton<IReminderTable>(_reminders);
            builder.Services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorage, _storage);
        }

        addRuntime(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    private void Forget(TestSilo silo)
    {
        lock (_lock)
            _silos.Remove(silo);
    }
}
