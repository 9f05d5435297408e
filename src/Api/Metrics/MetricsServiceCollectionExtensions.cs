using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Actors.Api.Metrics;

/// <summary>Registers the metrics behind <c>/metrics</c>: an OpenTelemetry meter provider reading the meters of
/// <see cref="MetricsOptions.Meters"/>, with its Prometheus exporter.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>Adds the meter provider (started with the host, so counters cover the whole run) and its Prometheus
    /// exporter, configured from <see cref="MetricsOptions"/>.</summary>
    public static IServiceCollection AddApiMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.MaxSeriesPerInstrument > 0, $"{MetricsOptions.Section}:{nameof(MetricsOptions.MaxSeriesPerInstrument)} must be positive.")
            .Validate(o => o.ScrapeCacheDuration >= TimeSpan.Zero, $"{MetricsOptions.Section}:{nameof(MetricsOptions.ScrapeCacheDuration)} must not be negative.")
            .Validate(o => o.Meters.All(m => !string.IsNullOrWhiteSpace(m)), $"{MetricsOptions.Section}:{nameof(MetricsOptions.Meters)} must not hold empty names.")
            .ValidateOnStart();
        services.AddOptions<PrometheusAspNetCoreOptions>().Configure<IOptions<MetricsOptions>>((prometheus, metrics) =>
            prometheus.ScrapeResponseCacheDurationMilliseconds = (int)metrics.Value.ScrapeCacheDuration.TotalMilliseconds);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
        {
            var options = provider.GetRequiredService<IOptions<MetricsOptions>>().Value;
            builder.AddMeter([.. options.Meters]);
            builder.AddView(instrument => MetricStreams.For(instrument, options));
        });
        return services;
    }

    /// <summary>Maps <c>/metrics</c>: the Prometheus text of the exported meters.</summary>
    public static IEndpointConventionBuilder MapApiMetrics(this IEndpointRouteBuilder routes) =>
        routes.MapPrometheusScrapingEndpoint("/metrics");
}
