using Actors.Api.Ops;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

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

        var result = await Check(lifetime, ActiveSilos(0), clustered: true).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Check_ClusterClientOnceASiloIsActive_IsHealthy()
    {
        var lifetime = new TestLifetime();
        lifetime.Started.Cancel();

        var result = await Check(lifetime, ActiveSilos(1), clustered: true).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Check_ClusterClientWhenTheClusterDoesNotAnswer_IsUnhealthy()
    {
        var lifetime = new TestLifetime();
        lifetime.Started.Cancel();

        var result = await Check(lifetime, FakeManagementGrain.Throwing(new SiloUnavailableException()), clustered: true)
            .CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private static IGrainFactory ActiveSilos(int count) => FakeManagementGrain.Factory(method => method == nameof(IManagementGrain.GetHosts)
        ? Enumerable.Range(0, count).ToDictionary(i => SiloAddress.New(System.Net.IPAddress.Loopback, 11111 + i, 1), _ => SiloStatus.Active)
        : new NotSupportedException(method));

    private static SiloReadinessCheck Check(TestLifetime lifetime, IGrainFactory? grains = null, bool clustered = false) =>
        new(lifetime, grains ?? FakeManagementGrain.Throwing(new NotSupportedException()),
            new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Actors:Cluster:Enabled", (string?)clustered.ToString())]).Build());

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
