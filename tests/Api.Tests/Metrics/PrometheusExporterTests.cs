using System.Diagnostics.Metrics;
using Actors.Api.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Metrics;

/// <summary>The exposition format, pinned line by line, with meters from a private meter factory.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _exporter = new PrometheusExporter(MeterFactory, Options.Create(new MetricsOptions()));
        _exporter.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose()
    {
        _exporter.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Render_Counter_AddsUpPerTagSetWithTotalSuffixAndSortedLabels()
    {
        var counter = MeterFactory.Create("Actors.Runtime").CreateCounter<long>("actors.test.calls", description: "Test calls.");
        counter.Add(2, new("method", "B"), new("grain_type", "g"));
        counter.Add(3, new("grain_type", "g"), new("method", "B"));
        counter.Add(1, new KeyValuePair<string, object?>("grain_type", "h"));

        var text = _exporter.Render();

        Assert.Equal(
            """
            # HELP actors_test_calls_total Test calls.
            # TYPE actors_test_calls_total counter
            actors_test_calls_total{grain_type="g",method="B"} 5
            actors_test_calls_total{grain_type="h"} 1

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Render_Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var histogram = MeterFactory.Create("Actors.Api").CreateHistogram<double>("actors.test.duration", "s", null,
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        histogram.Record(0.05);
        histogram.Record(0.5);
        histogram.Record(0.5);
        histogram.Record(7);

        var text = _exporter.Render();

        Assert.Equal(
            """
            # TYPE actors_test_duration histogram
            actors_test_duration_bucket{le="0.1"} 1
            actors_test_duration_bucket{le="1"} 3
            actors_test_duration_bucket{le="+Inf"} 4
            actors_test_duration_sum 8.05
            actors_test_duration_count 4

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Render_HistogramWithoutAdvice_UsesDefaultBuckets()
    {
        MeterFactory.Create("Actors.Api").CreateHistogram<double>("actors.test.duration").Record(0.2);

        var text = _exporter.Render();

        Assert.Equal(InstrumentAggregator.DefaultBounds.Length + 1, text.Split('\n').Count(l => l.StartsWith("actors_test_duration_bucket", StringComparison.Ordinal)));
        Assert.Contains("actors_test_duration_bucket{le=\"0.25\"} 1", text);
        Assert.Contains("actors_test_duration_bucket{le=\"0.1\"} 0", text);
    }

    [Fact]
    public void Render_ObservableGauge_ReportsOnlyWhatTheCallbackReportsNow()
    {
        var types = new Dictionary<string, int> { ["course"] = 2, ["student"] = 5 };
        MeterFactory.Create("Actors.Runtime").CreateObservableGauge("actors.test.activations",
            () => types.Select(t => new Measurement<int>(t.Value, new KeyValuePair<string, object?>("grain_type", t.Key))));
        _exporter.Render();
        types.Remove("student");
        types["course"] = 3;

        var text = _exporter.Render();

        Assert.Contains("actors_test_activations{grain_type=\"course\"} 3\n", text);
        Assert.DoesNotContain("student", text);
    }

    [Fact]
    public void Render_ObservableCounter_ReportsItsRunningTotal()
    {
        long calls = 7;
        MeterFactory.Create("Actors.Runtime").CreateObservableCounter("actors.test.calls", () => calls);
        _exporter.Render();
        calls = 9;

        var text = _exporter.Render();

        Assert.Contains("actors_test_calls_total 9\n", text);
    }

    [Fact]
    public void Render_UnlistedMeter_IsLeftOut()
    {
        MeterFactory.Create("Some.Library").CreateCounter<int>("some.counter").Add(1);

        Assert.Equal("", _exporter.Render());
    }

    [Fact]
    public void Render_MeterOfAnotherHost_IsLeftOut()
    {
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherHost.GetRequiredService<IMeterFactory>().Create("Actors.Runtime").CreateCounter<int>("actors.test.calls").Add(1);

        Assert.Equal("", _exporter.Render());
    }

    [Theory]
    [InlineData("Actors.Runtime", false, true)]
    [InlineData("Actors.Api", false, true)]
    [InlineData("Microsoft.AspNetCore.Hosting", false, true)]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel", false, true)]
    [InlineData("Microsoft.AspNetCore.Diagnostics", false, true)]
    [InlineData("Microsoft.AspNetCore.Routing", false, false)]
    [InlineData("Microsoft.AspNetCore.Authorization", false, false)]
    [InlineData("Microsoft.AspNetCore.MemoryPool", false, false)]
    [InlineData("Microsoft.AspNetCore.Routing", true, true)]
    [InlineData("Microsoft.AspNetCore.MemoryPool", true, true)]
    [InlineData("Actors.Runtime.Other", true, false)]
    [InlineData("System.Net.Http", true, false)]
    public void IsExported_MeterName_DefaultMetersAndPerRequestAspNetCoreMetersOnlyWhenAsked(string meterName, bool allAspNetCoreMeters, bool exported) =>
        Assert.Equal(exported, new MetricsOptions { AllAspNetCoreMeters = allAspNetCoreMeters }.IsExported(meterName));

    [Fact]
    public void Render_MeterNotExported_IsLeftOut()
    {
        MeterFactory.Create("Microsoft.AspNetCore.Routing").CreateCounter<long>("aspnetcore.routing.match_attempts").Add(1);

        Assert.Equal("", _exporter.Render());
    }
}
