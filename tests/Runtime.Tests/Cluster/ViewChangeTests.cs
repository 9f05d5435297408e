using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Cluster;

public sealed class ViewChangeTests
{
    [Fact]
    public async Task WhenASiloJoins_GrainsItNowOwns_DeactivateOnTheOldOwner_AndTheOthersStay()
    {
        await using var cluster = await ClusterTesting.StartAsync(silos: 2);
        var keys = Enumerable.Range(0, 40).Select(_ => Probe.Create().Id).ToList();
        var oldOwners = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            var grain = cluster.Client.GetGrain<ICounterGrain>(key);
            Assert.Equal(1, await grain.Increment());
            oldOwners[key] = cluster.OwnerOf(ClusterTesting.IdOf(grain)).Name;
            await Probe.For(key).ExpectAsync("activate");
        }

        var joined = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        var moved = keys.Where(k => cluster.OwnerOf(IdOf(cluster, k)) == joined).ToList();
        Assert.NotEmpty(moved);
        Assert.NotEmpty(keys.Except(moved));
        foreach (var key in moved)
        {
            await Probe.For(key).ExpectAsync("deactivate " + DeactivationReasonCode.RuntimeRequested);
            await Eventually.TrueAsync(() => cluster.SilosWithActivation(IdOf(cluster, key)).Length == 0, $"{key} left {oldOwners[key]}");
            Assert.Equal(2, await cluster.Client.GetGrain<ICounterGrain>(key).Increment());
            Assert.Equal([joined.Name], cluster.SilosWithActivation(IdOf(cluster, key)));
        }

        foreach (var key in keys.Except(moved))
        {
            Assert.Equal([oldOwners[key]], cluster.SilosWithActivation(IdOf(cluster, key)));
            Assert.False(Probe.For(key).TryPeek(out var unexpected), $"{key} on {oldOwners[key]} did not move but reported '{unexpected}'");
        }
    }

    private static GrainId IdOf(Actors.Runtime.Testing.TestCluster cluster, string key) =>
        ClusterTesting.IdOf(cluster.Client.GetGrain<ICounterGrain>(key));
}
