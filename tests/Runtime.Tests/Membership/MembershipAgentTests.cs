using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

/// <summary>Joining, views, leaving, restarts and self-death, on fake time and the in-memory table.</summary>
public sealed class MembershipAgentTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ThreeAgents_Join_AllSeeTheSameViewOfThreeActiveSilos_InIncreasingVersions()
    {
        await using var cluster = new MembershipTestCluster();
        var a = cluster.Create(MembershipTestCluster.Address(11111)).Agent;
        var versionsSeenByA = new List<long>();
        a.ViewChanged += view => versionsSeenByA.Add(view.Version);
        await a.JoinAsync(CancellationToken.None);
        var (b, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        var (c, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11113));

        await cluster.AdvanceUntilAsync(() => new[] { a, b, c }.All(x => x.View.ActiveSilos.Count == 3), Patience, "all see three active silos");

        var expected = new[] { a.Self, b.Self, c.Self };
        Assert.All(new[] { a, b, c }, agent => Assert.Equal(expected, agent.View.ActiveSilos));
        Assert.All((await cluster.Table.ReadAllAsync(CancellationToken.None)).Entries, e => Assert.Equal(SiloStatus.Active, e.Status));
        Assert.Equal(versionsSeenByA.Order().Distinct(), versionsSeenByA); // strictly increasing: never an older view
        Assert.Equal(a.View.Version, versionsSeenByA[^1]);
    }

    [Fact]
    public async Task Join_OfANewGenerationOnTheSameEndpoint_DeclaresTheOlderIncarnationDead()
    {
        await using var cluster = new MembershipTestCluster();
        var (old, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11111, generation: 1));
        var (peer, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        await old.DisposeAsync(); // the process crashed and restarts at once, before anyone noticed

        var (restarted, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11111, generation: 2));

        var oldRow = cluster.Row(old.Self);
        Assert.Equal(SiloStatus.Dead, oldRow.Status);
        Assert.Equal(restarted.Self, Assert.Single(oldRow.Suspicions).Voter);
        Assert.Equal(SiloStatus.Active, cluster.Row(restarted.Self).Status);
        await cluster.AdvanceUntilAsync(() => peer.View.ActiveSilos.SequenceEqual([restarted.Self, peer.Self]), Patience,
            "the peer sees the new incarnation in place of the old");
        Assert.Equal(1, cluster.Logs.Count(EventIds.OlderIncarnationDeclaredDead));
    }

    [Fact]
    public async Task Join_WhenANewerIncarnationOfTheEndpointExists_Throws()
    {
        await using var cluster = new MembershipTestCluster();
        await cluster.JoinAsync(MembershipTestCluster.Address(11111, generation: 5));

        var stale = cluster.Create(MembershipTestCluster.Address(11111, generation: 4)).Agent;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => stale.JoinAsync(CancellationToken.None));
        Assert.Contains("newer incarnation", error.Message);
    }

    [Fact]
    public async Task Leave_GoesShuttingDownThenDeactivatesThenDead_AndPeersDropTheSilo()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11111));
        var (b, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        var (c, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11113));
        SiloStatus? statusDuringDeactivation = null;

        await c.LeaveAsync(_ =>
        {
            statusDuringDeactivation = cluster.Row(c.Self).Status;
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(SiloStatus.ShuttingDown, statusDuringDeactivation);
        Assert.Equal(SiloStatus.Dead, cluster.Row(c.Self).Status);
        Assert.Empty(cluster.Row(c.Self).Suspicions); // it left; nobody had to vote
        await cluster.AdvanceUntilAsync(() => new[] { a, b }.All(x => x.View.ActiveSilos.SequenceEqual([a.Self, b.Self])), Patience,
            "the others drop the silo that left");
        Assert.False(c.IsDeclaredDead);
        Assert.Equal(0, cluster.Logs.Count(EventIds.SiloDeclaredDead));
    }

    [Fact]
    public async Task Leave_WhenTheDeactivationFails_StillWritesDead_AndRethrows()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11111));

        await Assert.ThrowsAsync<TimeoutException>(() => a.LeaveAsync(_ => throw new TimeoutException("flush"), CancellationToken.None));

        Assert.Equal(SiloStatus.Dead, cluster.Row(a.Self).Status);
    }

    [Fact]
    public async Task SiloThatReadsItselfDead_RaisesDeclaredDead_AndStopsHeartbeating()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, aTable) = await cluster.JoinAsync(MembershipTestCluster.Address(11111));
        var (b, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        var declaredDead = 0;
        a.DeclaredDead += () => Interlocked.Increment(ref declaredDead);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.True(aTable.Heartbeats > 0);

        // A peer (here: the test) declares A dead, as after a long pause or a partition.
        var snapshot = await cluster.Table.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Entries.Single(e => e.Silo == a.Self);
        Assert.True(await cluster.Table.UpdateRowAsync(
            row with { Status = SiloStatus.Dead, Suspicions = [new SuspicionVote(b.Self, cluster.Time.GetUtcNow())] }, snapshot.Version, CancellationToken.None));

        var took = await cluster.AdvanceUntilAsync(() => a.IsDeclaredDead, Patience, "A notices it was declared dead");
        Assert.True(took <= cluster.Options.TableRefreshPeriod, $"took {took}");
        var heartbeats = aTable.Heartbeats;
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, declaredDead);
        Assert.Equal(heartbeats, aTable.Heartbeats);
        Assert.Equal(1, cluster.Logs.Count(EventIds.DeclaredDeadByPeer));
        await a.LeaveAsync(_ => Task.CompletedTask, CancellationToken.None); // the host still deactivates its grains
    }

    [Fact]
    public async Task WatchFailing_DoesNotStopPolling_ChangesArriveWithinTheRefreshPeriod()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, aTable) = cluster.Create(MembershipTestCluster.Address(11111));
        aTable.WatchFailure = new InvalidOperationException("LISTEN failed");
        await a.JoinAsync(CancellationToken.None);

        foreach (var port in new[] { 11112, 11113 })
        {
            var (joined, _) = await cluster.JoinAsync(MembershipTestCluster.Address(port));
            var took = await cluster.AdvanceUntilAsync(() => a.View.ActiveSilos.Contains(joined.Self), Patience, $"A learns of {joined.Self} by polling");
            Assert.True(took <= cluster.Options.TableRefreshPeriod, $"took {took}");
        }

        Assert.True(cluster.Logs.Count(EventIds.MembershipWatchRestarting) >= 1);
    }

    [Fact]
    public async Task DefunctRows_AreDeletedAfterTheRetention_LiveRowsStay()
    {
        await using var cluster = new MembershipTestCluster(o =>
        {
            o.DefunctSiloRetention = TimeSpan.FromMinutes(10);
            o.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(1);
        });
        var (a, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11111));
        var (b, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        await b.LeaveAsync(_ => Task.CompletedTask, CancellationToken.None);

        await cluster.AdvanceUntilAsync(() => cluster.Table.ReadAllAsync(CancellationToken.None).Result.Entries.Count == 1,
            TimeSpan.FromMinutes(12), "the dead row is deleted");

        Assert.Equal(a.Self, cluster.Row(a.Self).Silo);
        Assert.Equal(1, cluster.Logs.Count(EventIds.DefunctSilosDeleted));
    }
}
