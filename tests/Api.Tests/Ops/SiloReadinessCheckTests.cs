using Actors.Api.Ops;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Tests.Ops;

public sealed class SiloReadinessCheckTests
{
    [Fact]
    public async Task Check_BeforeStart_IsUnhealthy()
    {
        var lifetime = new TestLifetime();

        var result = await new SiloReadinessCheck(lifetime).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Check_AfterStart_IsHealthy()
    {
        var lifetime = new TestLifetime();
        lifetime.Started.Cancel();

        var result = await new SiloReadinessCheck(lifetime).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Check_WhileStopping_IsUnhealthy()
    {
        var lifetime = new TestLifetime();
        lifetime.Started.Cancel();
        lifetime.Stopping.Cancel();

        var result = await new SiloReadinessCheck(lifetime).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

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
