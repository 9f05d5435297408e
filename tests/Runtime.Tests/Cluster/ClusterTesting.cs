using Actors.Runtime.Hosting;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using TestSilo = Actors.Runtime.Testing.TestSilo;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Starting test clusters with the test grains, and reading where grains live.</summary>
internal static class ClusterTesting
{
    public static Task<TestCluster> StartAsync(int silos = 3, string? postgres = null, Action<SiloBuilder>? configure = null) =>
        TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = silos,
            PostgresConnectionString = postgres,
            ConfigureSilo = s =>
            {
                s.AddGrainsFromAssemblyOf<CounterGrain>();
                configure?.Invoke(s);
            },
        });

    public static GrainId IdOf(object grain) => ((GrainReference)grain).GrainId;

    /// <summary><paramref name="count"/> new probe keys whose <typeparamref name="TGrain"/> grains <paramref name="silo"/>
    /// owns in the client's view.</summary>
    public static List<string> ProbeKeysOwnedBy<TGrain>(this TestCluster cluster, TestSilo silo, int count)
        where TGrain : IGrainWithStringKey
    {
        var keys = new List<string>();
        while (keys.Count < count)
        {
            var key = Probe.Create().Id;
            if (cluster.OwnerOf(IdOf(cluster.Client.GetGrain<TGrain>(key))) == silo)
                keys.Add(key);
        }

        return keys;
    }

    /// <summary>The names of the silos that have an activation of <paramref name="grainId"/> now.</summary>
    public static string[] SilosWithActivation(this TestCluster cluster, GrainId grainId) =>
        cluster.Silos.Where(s => s.HasActivation(grainId)).Select(s => s.Name).ToArray();
}
