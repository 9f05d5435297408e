using System.Diagnostics.Metrics;
using Actors.Api.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Metrics;

/// <summary>Finding a series by its tags as measured gives the same series as building its label string would.</summary>
public sealed class MeasuredTagSetTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly PrometheusExporter _exporter;

    public MeasuredTagSetTests()
    {
        _exporter = new PrometheusExporter(_services.GetRequiredService<IMeterFactory>(), Options.Create(new MetricsOptions()));
        _exporter.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _services.Dispose();
    }

    private Counter<long> Counter() => _services.GetRequiredService<IMeterFactory>().Create("Actors.Api").CreateCounter<long>("actors.test.calls");

    [Fact]
    public void Render_RepeatedTags_KeepAddingToTheirSeries()
    {
        var counter = Counter();
        for (var i = 0; i < 1000; i++)
            counter.Add(1, new("status", 200), new("route", "/a"));

        Assert.Contains("actors_test_calls_total{route=\"/a\",status=\"200\"} 1000\n", _exporter.Render());
    }

    [Fact]
    public void Render_ValuesThatPrintAlike_ShareASeries()
    {
        var counter = Counter();
        counter.Add(1, new KeyValuePair<string, object?>("status", 200));
        counter.Add(2, new KeyValuePair<string, object?>("status", "200"));
        counter.Add(4, new KeyValuePair<string, object?>("status", 200L));

        Assert.Contains("actors_test_calls_total{status=\"200\"} 7\n", _exporter.Render());
    }

    [Fact]
    public void Render_ZeroAndNegativeZero_StayApartAsTheyPrintApart()
    {
        var counter = Counter();
        counter.Add(1, new KeyValuePair<string, object?>("bound", 0.0));
        counter.Add(1, new KeyValuePair<string, object?>("bound", -0.0));
        counter.Add(1, new KeyValuePair<string, object?>("bound", 0.0));

        var text = _exporter.Render();

        Assert.Contains("actors_test_calls_total{bound=\"0\"} 2\n", text);
        Assert.Contains("actors_test_calls_total{bound=\"-0\"} 1\n", text);
    }

    [Fact]
    public void Render_TagValueOfAnotherType_IsCountedThroughItsLabelString()
    {
        var counter = Counter();
        counter.Add(1, new KeyValuePair<string, object?>("uri", new Uri("http://a/")));
        counter.Add(1, new KeyValuePair<string, object?>("uri", new Uri("http://a/")));

        Assert.Contains("actors_test_calls_total{uri=\"http://a/\"} 2\n", _exporter.Render());
    }

    [Fact]
    public void Render_MoreTagSetsThanAreRemembered_StillCountsEveryOne()
    {
        var counter = Counter();
        var sets = InstrumentAggregator.MaxMeasuredTagSets + 10;
        for (var i = 0; i < sets; i++)
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        counter.Add(1, new KeyValuePair<string, object?>("id", sets - 1));

        var text = _exporter.Render();

        Assert.Equal(sets, text.Split('\n').Count(l => l.StartsWith("actors_test_calls_total{", StringComparison.Ordinal)));
        Assert.Contains($"actors_test_calls_total{{id=\"{sets - 1}\"}} 2\n", text);
    }

    [Fact]
    public void IsCacheable_ValueEqualTypes_AreAndOthersAreNot()
    {
        Assert.True(MeasuredTagSet.IsCacheable([new("a", "x"), new("b", 1), new("c", true), new("d", null), new("e", 1.5), new("f", DayOfWeek.Monday)]));
        Assert.False(MeasuredTagSet.IsCacheable([new("a", "x"), new("b", new object())]));
    }
}
