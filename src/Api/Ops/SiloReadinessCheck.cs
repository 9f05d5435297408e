using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Api.Ops;

/// <summary>
/// Ready once the host has started, which is after every hosted service, the embedded silo included, finished
/// starting; not ready again once the host begins to stop, so a load balancer drains this instance first.
/// </summary>
internal sealed class SiloReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("The host is stopping.")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("The silo has started.")
            : HealthCheckResult.Unhealthy("The silo is starting."));
}
