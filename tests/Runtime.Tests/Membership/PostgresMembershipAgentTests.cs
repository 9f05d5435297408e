using System.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Tests.Infrastructure;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Runtime.Tests.Membership;

/// <summary>
/// The agents on <see cref="PostgresMembershipTable"/> and real time. Polling is set to a minute, so every change that
/// reaches a peer within <see cref="Probe.Patience"/> came through LISTEN/NOTIFY (<see cref="IMembershipTable.WatchAsync"/>).
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresMembershipAgentTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly MembershipOptions Fast = new()
    {
        IAmAlivePeriod = TimeSpan.FromMilliseconds(250),
        ProbePeriod = TimeSpan.FromMilliseconds(250),
        ProbeTimeout = TimeSpan.FromMilliseconds(250),
        MissedProbesLimit = 2,
        HeartbeatStaleAfter = TimeSpan.FromSeconds(1.5),
        TableRefreshPeriod = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task JoinFailureDetectionAndLeave_OnPostgres_ReachEveryPeerThroughNotifyFasterThanPolling()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await PostgresMigrations.ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);
        var silo = Options.Create(new SiloOptions { ClusterId = $"membership-{Guid.NewGuid():N}", SiloName = "pg" });
        var network = new FakeSiloProber();
        var agents = new List<MembershipAgent>();
        MembershipAgent NewAgent(int port)
        {
            // One table per silo, as each silo process has its own (and its own LISTEN connection).
            var table = new PostgresMembershipTable(dataSource, silo, NullLogger<PostgresMembershipTable>.Instance);
            var agent = new MembershipAgent(new SiloAddress("127.0.0.1", port, 1), table, network, Options.Create(Fast), silo,
                TimeProvider.System, NullLogger<MembershipAgent>.Instance);
            agents.Add(agent);
            return agent;
        }

        try
        {
            var a = NewAgent(11111);
            var b = NewAgent(11112);
            var c = NewAgent(11113);
            foreach (var agent in agents)
                await agent.JoinAsync(CancellationToken.None);

            var clock = Stopwatch.StartNew();
            await Eventually.TrueAsync(() => agents.All(x => x.View.ActiveSilos.Count == 3), "every agent sees three active silos");
            Assert.True(clock.Elapsed < Fast.TableRefreshPeriod); // A learned of B and C only through NOTIFY
            Assert.All(agents, x => Assert.Equal([a.Self, b.Self, c.Self], x.View.ActiveSilos));

            network.Set(c.Self, ProbeAnswer.Down);
            await c.DisposeAsync();
            clock.Restart();
            await Eventually.TrueAsync(() => new[] { a, b }.All(x => x.View.ActiveSilos.SequenceEqual([a.Self, b.Self])),
                "the survivors declare C dead and drop it");
            var detected = clock.Elapsed;
            Assert.True(detected < Fast.TableRefreshPeriod, $"took {detected}");
            var row = (await new PostgresMembershipTable(dataSource, silo, NullLogger<PostgresMembershipTable>.Instance)
                .ReadAllAsync(CancellationToken.None)).Entries.Single(e => e.Silo == c.Self);
            Assert.Equal(SiloStatus.Dead, row.Status);
            Assert.Single(row.Suspicions);

            clock.Restart();
            await b.LeaveAsync(_ => Task.CompletedTask, CancellationToken.None);
            await Eventually.TrueAsync(() => a.View.ActiveSilos.SequenceEqual([a.Self]), "A drops B, which left");
            Assert.True(clock.Elapsed < Fast.TableRefreshPeriod, $"took {clock.Elapsed}");
            Assert.False(a.IsDeclaredDead);
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }
}
