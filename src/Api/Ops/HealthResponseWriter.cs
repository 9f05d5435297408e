using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Api.Ops;

/// <summary>Writes a health report: plain <c>Healthy</c> when all is well, problem details saying which check failed
/// otherwise (the status code, 503, is set by the health-check middleware).</summary>
internal static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext httpContext, HealthReport report)
    {
        if (report.Status != HealthStatus.Unhealthy)
        {
            httpContext.Response.ContentType = "text/plain; charset=utf-8";
            await httpContext.Response.WriteAsync(report.Status.ToString());
            return;
        }

        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy)
            .Select(e => $"{e.Key}: {e.Value.Description}");
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = httpContext.Response.StatusCode,
                Title = "Not ready.",
                Detail = string.Join("; ", failing),
            },
        });
    }
}
