using Actors.Runtime.Hosting;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Actors.Api.Ops;

/// <summary>Ready when the host has started and is not stopping, and — for a cluster client — when at least one silo
/// of the cluster is Active (before that every grain call would fail).</summary>
internal sealed class SiloReadinessCheck(IHostApplicationLifetime lifetime, ClusterPlacement placement, IOptions<ClusterOptions> cluster) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("The host is stopping.")
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("The silo is starting.")
            : cluster.Value.Enabled && placement.Current.Ring.Silos.Count == 0 ? HealthCheckResult.Unhealthy("No silo of the cluster is active.")
            : HealthCheckResult.Healthy(cluster.Value.Enabled
                ? $"{placement.Current.Ring.Silos.Count} silos active (membership v{placement.Current.Version})."
                : "The silo has started."));
}
