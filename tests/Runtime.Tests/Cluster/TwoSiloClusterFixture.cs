using Actors.Runtime.Testing;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>A two-silo cluster shared by the tests of one class that only make calls (none stops or adds silos).</summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync() => _cluster = await ClusterTesting.StartAsync(silos: 2);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}
