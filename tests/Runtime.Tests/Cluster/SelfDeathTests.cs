using Actors.Runtime.Membership;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Tests.Cluster;

public sealed class SelfDeathTests
{
    [Fact]
    public async Task SiloDeclaredDeadByItsPeers_StopsItsHost_AndTheOthersServeItsGrains()
    {
        await using var cluster = await ClusterTesting.StartAsync();
        var victim = cluster.Silos[1];
        var keys = cluster.ProbeKeysOwnedBy<ICounterGrain>(victim, 3);
        var stopping = victim.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        // Play the peers' part: a compare-and-swap write of its row as Dead, as a failure detector would.
        var snapshot = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Entries.Single(e => e.Silo == victim.Address);
        Assert.True(await cluster.MembershipTable.UpdateRowAsync(row with { Status = SiloStatus.Dead }, snapshot.Version, CancellationToken.None));

        await Eventually.TrueAsync(() => stopping.IsCancellationRequested, "the declared-dead silo stops its host");
        await Eventually.TrueAsync(() => !cluster.ClientPlacement.Ring.Silos.Contains(victim.Address), "the client drops the dead silo");
        foreach (var key in keys)
            Assert.Equal(1, await cluster.Client.GetGrain<ICounterGrain>(key).Increment());
        Assert.All(keys, key => Assert.NotEqual(victim.Address, cluster.ClientPlacement.OwnerOf(ClusterTesting.IdOf(cluster.Client.GetGrain<ICounterGrain>(key)))));
    }
}
