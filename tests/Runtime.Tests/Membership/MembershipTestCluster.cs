using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Membership;

/// <summary>
/// Membership agents of one test on one in-memory table, one fake clock and one fake network. The test moves the clock
/// with <see cref="AdvanceAsync"/> / <see cref="AdvanceUntilAsync"/> in <see cref="Step"/>s; the agents' timers fire
/// inside each step (and, with the in-memory table and the fake prober, mostly finish their work there too).
/// </summary>
internal sealed class MembershipTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly List<MembershipAgent> _agents = [];
    private readonly ILoggerFactory _loggers;

    public MembershipTestCluster(Action<MembershipOptions>? configure = null)
    {
        configure?.Invoke(Options);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public InMemoryMembershipTable Table { get; } = new();

    public FakeSiloProber Network { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public MembershipOptions Options { get; } = new();

    public static SiloAddress Address(int port, long generation = 1) => new("10.0.0.1", port, generation);

    /// <summary>An agent on its own intercepting door to the shared table; not joined yet.</summary>
    public (MembershipAgent Agent, InterceptingMembershipTable Table) Create(SiloAddress silo)
    {
        var table = new InterceptingMembershipTable(Table);
        var agent = new MembershipAgent(silo, table, Network, Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(new SiloOptions { SiloName = $"silo-{silo.Port}" }), Time,
            _loggers.CreateLogger<MembershipAgent>());
        lock (_agents)
            _agents.Add(agent);
        return (agent, table);
    }

    public async Task<(MembershipAgent Agent, InterceptingMembershipTable Table)> JoinAsync(SiloAddress silo)
    {
        var created = Create(silo);
        await created.Agent.JoinAsync(CancellationToken.None);
        return created;
    }

    /// <summary>Kills a silo: its loops stop without a word to the table, and the network stops answering for it.</summary>
    public async Task KillAsync(MembershipAgent agent)
    {
        Network.Set(agent.Self, ProbeAnswer.Down);
        await agent.DisposeAsync();
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        for (var moved = TimeSpan.Zero; moved < by; moved += Step)
        {
            Time.Advance(Step);
            await Task.Delay(1); // real time for the agents' thread-pool work to keep up with the fake clock
        }
    }

    /// <summary>Moves the clock step by step until <paramref name="condition"/> holds; returns the fake time that took.
    /// Fails if it takes more than <paramref name="limit"/> of fake time (or 120 s of real time: a loaded 2-core machine
    /// needs that for the longest waits, 12 fake minutes in 100 ms steps).</summary>
    public async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var start = Time.GetUtcNow();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120); // long fake waits take many real-time steps
        while (!condition())
        {
            if (Time.GetUtcNow() - start > limit || DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not true after {Time.GetUtcNow() - start} of fake time: {what}.");
            Time.Advance(Step);
            await Task.Delay(1); // real time for the agents' thread-pool work to keep up with the fake clock
        }

        return Time.GetUtcNow() - start;
    }

    public MembershipEntry Row(SiloAddress silo) =>
        Table.ReadAllAsync(CancellationToken.None).Result.Entries.Single(e => e.Silo == silo);

    public async ValueTask DisposeAsync()
    {
        MembershipAgent[] agents;
        lock (_agents)
            agents = [.. _agents];
        foreach (var agent in agents)
            await agent.DisposeAsync();
        _loggers.Dispose();
    }
}
