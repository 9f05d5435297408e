using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Cluster;

public sealed class RestartTests
{
    [Fact]
    public async Task RestartedSilo_RejoinsOnItsPortAsANewerGeneration_AndServesItsGrains()
    {
        await using var cluster = await ClusterTesting.StartAsync();
        var before = cluster.Silos[1];
        var oldAddress = before.Address;
        var counterKey = cluster.ProbeKeysOwnedBy<ICounterGrain>(before, count: 1)[0];
        Assert.Equal(1, await cluster.Client.GetGrain<ICounterGrain>(counterKey).Increment());

        var after = await cluster.RestartSiloAsync(before);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(before.Name, after.Name);
        Assert.Equal(oldAddress.Port, after.Address.Port);
        Assert.True(after.Address.Generation > oldAddress.Generation);
        foreach (var view in cluster.Silos.Select(s => s.Placement).Append(cluster.ClientPlacement))
        {
            Assert.Contains(after.Address, view.Ring.Silos);
            Assert.DoesNotContain(oldAddress, view.Ring.Silos);
        }

        foreach (var key in cluster.ProbeKeysOwnedBy<ITurnGrain>(after, count: 5))
        {
            var other = cluster.Silos.First(s => s != after);
            Assert.Equal("from the client", await cluster.Client.GetGrain<ITurnGrain>(key).Echo("from the client"));
            Assert.Equal("from a peer", await other.GrainFactory.GetGrain<ITurnGrain>(key).Echo("from a peer"));
            Assert.Equal([after.Name], cluster.SilosWithActivation(ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(key))));
        }

        Assert.Equal(2, await cluster.Client.GetGrain<ICounterGrain>(counterKey).Increment());
    }
}
