using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;
using Xunit.Abstractions;

namespace Actors.Runtime.Tests.Membership;

/// <summary>Failure detection with the default options on fake time: killed silos go, busy ones stay.</summary>
public sealed class MembershipAgentFailureDetectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(ProbeAnswer.Down)] // the process is gone: connections refused at once
    [InlineData(ProbeAnswer.Hung)] // the machine is gone: every probe times out
    public async Task KilledSilo_IsDeclaredDeadWithinFiveSeconds_AndEveryViewDropsIt(ProbeAnswer network)
    {
        await using var cluster = new MembershipTestCluster();
        var (a, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11111));
        var (b, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        var (c, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11113));
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(10));
        cluster.Time.Advance(TimeSpan.FromMilliseconds(50)); // the kill lands between two ticks

        await c.DisposeAsync();
        cluster.Network.Set(c.Self, network);
        var killedAt = cluster.Time.GetUtcNow();
        await cluster.AdvanceUntilAsync(() => cluster.Row(c.Self).Status == SiloStatus.Dead, TimeSpan.FromSeconds(5), "C is declared dead");
        var detection = cluster.Time.GetUtcNow() - killedAt;
        output.WriteLine($"{network}: declared dead {detection.TotalSeconds:0.0} s after the kill");

        Assert.True(detection <= TimeSpan.FromSeconds(5), $"detected after {detection}");
        Assert.True(detection <= FailureDetector.WorstCaseDetectionTime(cluster.Options) + MembershipTestCluster.Step, $"detected after {detection}");
        Assert.Equal(SiloStatus.Dead, cluster.Row(c.Self).Status);
        await cluster.AdvanceUntilAsync(() => new[] { a, b }.All(x => x.View.ActiveSilos.SequenceEqual([a.Self, b.Self])), Patience,
            "the survivors' views drop C");
        Assert.True(cluster.Logs.Count(EventIds.SiloDeclaredDead) >= 1);
        Assert.Equal(0, cluster.Logs.Count(EventIds.MembershipTaskFailed));
    }

    [Fact]
    public async Task BusySiloWhoseHeartbeatsLandTwoSecondsLate_ButAnswersProbes_IsNeverDeclaredDead()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11111));
        var (b, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        var (busy, busyTable) = cluster.Create(MembershipTestCluster.Address(11113));
        busyTable.BeforeHeartbeat = ct => Task.Delay(TimeSpan.FromSeconds(2), cluster.Time, ct);
        await busy.JoinAsync(CancellationToken.None);
        var oldestHeartbeat = TimeSpan.Zero;

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(2); elapsed += MembershipTestCluster.Step)
        {
            await cluster.AdvanceAsync(MembershipTestCluster.Step);
            var age = cluster.Time.GetUtcNow() - cluster.Row(busy.Self).IAmAliveTime;
            oldestHeartbeat = age > oldestHeartbeat ? age : oldestHeartbeat;
            Assert.Equal(SiloStatus.Active, cluster.Row(busy.Self).Status);
        }

        output.WriteLine($"oldest heartbeat seen: {oldestHeartbeat.TotalSeconds:0.0} s; heartbeats written: {busyTable.Heartbeats}");
        // The heartbeat alone would have condemned it; the answered probes kept it alive.
        Assert.True(oldestHeartbeat > cluster.Options.HeartbeatStaleAfter, $"oldest heartbeat seen: {oldestHeartbeat}");
        Assert.True(busyTable.Heartbeats > 20);
        Assert.All(new[] { a, b, busy }, x => Assert.Equal(3, x.View.ActiveSilos.Count));
        Assert.False(busy.IsDeclaredDead);
        Assert.Equal(0, cluster.Logs.Count(EventIds.SiloDeclaredDead));
    }

    [Fact]
    public async Task SiloWhoseProbesTimeOut_ButWhoseHeartbeatIsFresh_IsNeverDeclaredDead()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11111));
        var (b, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        var (slow, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11113));
        cluster.Network.Set(slow.Self, ProbeAnswer.Hung);

        await cluster.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(SiloStatus.Active, cluster.Row(slow.Self).Status);
        Assert.All(new[] { a, b, slow }, x => Assert.Equal(3, x.View.ActiveSilos.Count));
        Assert.Equal(2, cluster.Logs.Count(EventIds.SiloSuspected)); // A and B each suspected it (probes), once
        Assert.Equal(0, cluster.Logs.Count(EventIds.SiloDeclaredDead));
        Assert.True(cluster.Network.ProbesOf(slow.Self) > 200);
    }

    [Fact]
    public async Task TwoAgentsDeclaringTheSamePeerDead_OneWriteWins_NoExceptions_AndThePeerEndsDeadOnce()
    {
        await using var cluster = new MembershipTestCluster();
        var (a, aTable) = await cluster.JoinAsync(MembershipTestCluster.Address(11111));
        var (b, bTable) = await cluster.JoinAsync(MembershipTestCluster.Address(11112));
        var (c, _) = await cluster.JoinAsync(MembershipTestCluster.Address(11113));
        // Hold the first declaration until the second has also read the table: both write at the same version.
        var bothRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrivals = 0;
        Task Race(MembershipEntry row)
        {
            if (Interlocked.Increment(ref arrivals) == 2)
                bothRead.TrySetResult();
            return bothRead.Task;
        }

        aTable.BeforeDeadWrite = Race;
        bTable.BeforeDeadWrite = Race;

        await cluster.KillAsync(c);
        await cluster.AdvanceUntilAsync(() => aTable.DeadWrites + bTable.DeadWrites == 2 && cluster.Row(c.Self).Status == SiloStatus.Dead
                                              && cluster.Logs.Count(EventIds.MembershipWriteContended) == 1,
            TimeSpan.FromSeconds(5), "both tried, C is dead, and the loser saw its write refused");
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, aTable.DeadWritesWon + bTable.DeadWritesWon);
        Assert.Equal(2, aTable.DeadWrites + bTable.DeadWrites); // the loser re-read, saw C dead, and stopped
        var row = cluster.Row(c.Self);
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Single(row.Suspicions);
        Assert.Equal(1, cluster.Logs.Count(EventIds.SiloDeclaredDead));
        Assert.Equal(1, cluster.Logs.Count(EventIds.MembershipWriteContended));
        Assert.Equal(0, cluster.Logs.Count(EventIds.MembershipTaskFailed));
        Assert.All(new[] { a, b }, x => Assert.False(x.IsDeclaredDead));
        await cluster.AdvanceUntilAsync(() => new[] { a, b }.All(x => x.View.ActiveSilos.Count == 2), Patience, "both views drop C");
    }
}
