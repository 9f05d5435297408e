using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;

namespace Actors.Api.Tests.Metrics;

/// <summary>The <c>Api:Metrics</c> settings reach the exporter, and invalid ones stop the start.</summary>
public sealed class MetricsOptionsTests
{
    [Fact]
    public async Task ScrapeCacheDuration_Configured_SetsTheExportersResponseCache()
    {
        await using var app = new ApiApplication(settings: new Dictionary<string, string> { ["Api:Metrics:ScrapeCacheDuration"] = "00:00:01.500" });

        var exporter = app.Services.GetRequiredService<IOptionsMonitor<PrometheusAspNetCoreOptions>>().Get(Options.DefaultName);

        Assert.Equal(1500, exporter.ScrapeResponseCacheDurationMilliseconds);
    }

    [Theory]
    [InlineData("Api:Metrics:MaxSeriesPerInstrument", "0", "MaxSeriesPerInstrument")]
    [InlineData("Api:Metrics:ScrapeCacheDuration", "-00:00:01", "ScrapeCacheDuration")]
    [InlineData("Api:Metrics:Meters:0", " ", "Meters")]
    public async Task Start_InvalidSetting_FailsNamingIt(string key, string value, string named)
    {
        await using var app = new ApiApplication(settings: new Dictionary<string, string> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains(named, error.Message);
    }
}
