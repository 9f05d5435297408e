using Actors.Grains.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Api.Ops;

/// <summary>Ready when the host has started and is not stopping, and — for a cluster client — when the management grain
/// answers with at least one Active silo (before that every grain call would fail).</summary>
internal sealed class SiloReadinessCheck(IHostApplicationLifetime lifetime, IGrainFactory grains, IConfiguration configuration) : IHealthCheck
{
    private readonly bool _clusterClient = ClusterHostingExtensions.ClusterOptionsFrom(configuration).Enabled;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return HealthCheckResult.Unhealthy("The host is stopping.");
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
            return HealthCheckResult.Unhealthy("The silo is starting.");
        if (!_clusterClient)
            return HealthCheckResult.Healthy("The silo has started.");
        try
        {
            var active = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return active.Count == 0
                ? HealthCheckResult.Unhealthy("No silo of the cluster is active.")
                : HealthCheckResult.Healthy($"{active.Count} silos active.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", exception);
        }
    }
}
