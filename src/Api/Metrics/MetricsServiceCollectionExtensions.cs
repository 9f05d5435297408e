using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Api.Metrics;

/// <summary>Registers the Prometheus exporter.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PrometheusExporter"/> (<see cref="MetricsOptions"/>), listening from host start-up so counters cover the whole run.</summary>
    public static IServiceCollection AddPrometheusExporter(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        services.TryAddSingleton<PrometheusExporter>();
        services.AddHostedService(sp => sp.GetRequiredService<PrometheusExporter>());
        return services;
    }
}
