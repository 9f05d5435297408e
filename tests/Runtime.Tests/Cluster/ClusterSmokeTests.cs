using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Cluster;

public sealed class ClusterSmokeTests
{
    [Fact]
    public async Task Calls_FromTheClient_RunOnTheRingOwner()
    {
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { ConfigureSilo = s => s.AddGrainsFromAssemblyOf<CounterGrain>() });

        for (var i = 0; i < 30; i++)
        {
            var grain = cluster.Client.GetGrain<ITurnGrain>(Probe.Create().Id);
            Assert.Equal($"echo {i}", await grain.Echo($"echo {i}"));
            Assert.Equal(i + 1, await grain.Add(i, 1));
            var id = ((GrainReference)(object)grain).GrainId;
            Assert.Equal([cluster.OwnerOf(id).Name], cluster.Silos.Where(s => s.HasActivation(id)).Select(s => s.Name));
        }
    }
}
