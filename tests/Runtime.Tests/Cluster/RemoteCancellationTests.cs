using Actors.Runtime.Tests.Invocation;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>A caller in another process cancels a grain method that takes a cancellation token, on the silo that runs it.</summary>
public sealed class RemoteCancellationTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public Task CancelledCaller_CancelsTheRunningMethodOnTheSilo_AndTheGrainServesTheNextCall() =>
        CancellationScenarios.RunningMethodIsCancelledAsync(fixture.Cluster.Client);

    [Fact]
    public Task CancelledCall_StillQueuedOnTheSilo_NeverRuns() =>
        CancellationScenarios.QueuedCallNeverRunsAsync(fixture.Cluster.Client);
}
