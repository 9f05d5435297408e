using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Cluster;

public sealed class CallRoutingTests
{
    [Fact]
    public async Task Calls_FromTheClientAndFromEverySilo_RunOnlyOnTheRingOwner()
    {
        await using var cluster = await ClusterTesting.StartAsync();
        var owners = new HashSet<string>();

        for (var i = 0; i < 30; i++)
        {
            var key = Probe.Create().Id;
            var id = ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(key));
            var owner = cluster.OwnerOf(id);
            owners.Add(owner.Name);
            var callers = cluster.Silos.Select(s => (s.Name, Factory: s.GrainFactory)).Prepend(("client", cluster.Client));

            foreach (var (caller, factory) in callers)
            {
                var text = $"{caller} -> {i}";
                Assert.Equal(text, await factory.GetGrain<ITurnGrain>(key).Echo(text));
                Assert.Equal([owner.Name], cluster.SilosWithActivation(id));
            }
        }

        Assert.Equal(3, owners.Count); // the 30 grains spread over every silo, so every caller was a non-owner for some
    }

    [Fact]
    public async Task Calls_MadeInsideAGrain_ToAGrainOwnedElsewhere_RunOnThatOwner()
    {
        await using var cluster = await ClusterTesting.StartAsync();
        var (callerKey, calleeKey) = KeysOnDifferentSilos(cluster);

        Assert.True(await cluster.Client.GetGrain<ITurnGrain>(callerKey).CallOtherAndCheckContext(calleeKey));

        var callee = ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(calleeKey));
        Assert.Equal([cluster.OwnerOf(callee).Name], cluster.SilosWithActivation(callee));
    }

    private static (string Caller, string Callee) KeysOnDifferentSilos(Actors.Runtime.Testing.TestCluster cluster)
    {
        var caller = Probe.Create().Id;
        var callerOwner = cluster.OwnerOf(ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(caller)));
        while (true)
        {
            var callee = Probe.Create().Id;
            if (cluster.OwnerOf(ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(callee))) != callerOwner)
                return (caller, callee);
        }
    }
}
