using Actors.Api.Metrics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Actors.Api.Ops;

/// <summary>Endpoints for the platform rather than for users: liveness, readiness and metrics. Anonymous, and left out
/// of the OpenAPI document.</summary>
internal static class OpsApi
{
    /// <summary>The tag of the health checks that <c>/readyz</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the health checks behind <c>/readyz</c> and the exporter behind <c>/metrics</c>.</summary>
    public static IServiceCollection AddOps(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [ReadyTag]);
        services.AddApiMetrics();
        return services;
    }

    /// <summary>Maps <c>/healthz</c> (the process answers: no checks run), <c>/readyz</c> (the ready-tagged checks pass)
    /// and <c>/metrics</c> (Prometheus text).</summary>
    public static RouteGroupBuilder MapOps(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        group.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        group.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        group.MapApiMetrics();
        return group;
    }
}
