using System.Net;
using System.Net.Sockets;
using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Cluster;

public sealed class UnsentCallRetryTests
{
    [Fact]
    public async Task CallRefusedByADeadSilosPort_IsRoutedAgainOnceTheViewDropsIt_AndRunsOnce()
    {
        // A long retry window, so the call waits for the view change instead of giving up.
        await using var cluster = await ClusterTesting.StartAsync(silos: 2,
            configure: s => s.Configure<ClusterOptions>(o => o.RejectedRetryDelay = TimeSpan.FromSeconds(15)));

        // A member that is Active in the table but whose port refuses connections: a silo that died a moment ago.
        var ghost = new SiloAddress("127.0.0.1", UnusedPort(), 1);
        var snapshot = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await cluster.MembershipTable.InsertRowAsync(
            new MembershipEntry(ghost, SiloStatus.Active, "ghost", now, now, []), snapshot.Version, CancellationToken.None));
        await Eventually.TrueAsync(() => cluster.ClientPlacement.Ring.Silos.Contains(ghost), "the client routes to the ghost");
        var key = KeyOwnedBy(cluster, ghost);

        var call = cluster.Client.GetGrain<ICounterGrain>(key).Increment();
        await Task.Delay(300);
        Assert.False(call.IsCompleted); // refused, never sent: waiting for a newer view, not failed

        snapshot = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Entries.Single(e => e.Silo == ghost);
        Assert.True(await cluster.MembershipTable.UpdateRowAsync(row with { Status = SiloStatus.Dead }, snapshot.Version, CancellationToken.None));

        Assert.Equal(1, await call);
        Assert.Equal(2, await cluster.Client.GetGrain<ICounterGrain>(key).Increment());
    }

    private static string KeyOwnedBy(Actors.Runtime.Testing.TestCluster cluster, SiloAddress silo)
    {
        while (true)
        {
            var key = Probe.Create().Id;
            if (cluster.ClientPlacement.OwnerOf(ClusterTesting.IdOf(cluster.Client.GetGrain<ICounterGrain>(key))) == silo)
                return key;
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
