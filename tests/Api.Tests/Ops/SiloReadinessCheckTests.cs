using Actors.Api.Ops;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Ops;

public sealed class SiloReadinessCheckTests
{
    [Fact]
    public async Task Check_BeforeStart_IsUnhealthy()
    {
        var lifetime = new TestLifetime();

        var result = await Check(lifetime).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Check_AfterStart_IsHealthy()
    {
        var lifetime = new TestLifetime();
        lifetime.Started.Cancel();

        var result = await Check(lifetime).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Check_WhileStopping_IsUnhealthy()
    {
        var lifetime = new TestLifetime();
        lifetime.Started.Cancel();
        lifetime.Stopping.Cancel();

        var result = await Check(lifetime).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Check_ClusterClientWithNoActiveSilo_IsUnhealthy()
    {
        var lifetime = new TestLifetime();
        lifetime.Started.Cancel();

        var result = await Check(lifetime, new ClusterPlacement(), clustered: true).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Check_ClusterClientOnceASiloIsActive_IsHealthy()
    {
        var lifetime = new TestLifetime();
        lifetime.Started.Cancel();
        var placement = new ClusterPlacement();
        placement.Update(1, [new SiloAddress("127.0.0.1", 11111, 1)]);

        var result = await Check(lifetime, placement, clustered: true).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    private static SiloReadinessCheck Check(TestLifetime lifetime, ClusterPlacement? placement = null, bool clustered = false) =>
        new(lifetime, placement ?? new ClusterPlacement(), Options.Create(new ClusterOptions { Enabled = clustered }));

    private sealed class TestLifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Started { get; } = new();
        public CancellationTokenSource Stopping { get; } = new();
        public CancellationToken ApplicationStarted => Started.Token;
        public CancellationToken ApplicationStopping => Stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();
    }
}
