using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Actors.Api.Metrics;

/// <summary>How each exported instrument is aggregated: every one with the series limit of <see cref="MetricsOptions"/>,
/// and histograms measured in seconds that advise no buckets of their own with <see cref="SecondsBuckets"/> (the
/// exporter's default buckets are made for milliseconds).</summary>
internal static class MetricStreams
{
    /// <summary>Bucket bounds, in seconds, for histograms of seconds without advice: ASP.NET Core's request-duration bounds.</summary>
    public static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    public static MetricStreamConfiguration For(Instrument instrument, MetricsOptions options) =>
        IsSecondsHistogramWithoutAdvice(instrument)
            ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets, CardinalityLimit = options.MaxSeriesPerInstrument }
            : new MetricStreamConfiguration { CardinalityLimit = options.MaxSeriesPerInstrument };

    private static bool IsSecondsHistogramWithoutAdvice(Instrument instrument) => instrument.Unit == "s" && instrument switch
    {
        Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries is null,
        Histogram<float> histogram => histogram.Advice?.HistogramBucketBoundaries is null,
        Histogram<long> histogram => histogram.Advice?.HistogramBucketBoundaries is null,
        Histogram<int> histogram => histogram.Advice?.HistogramBucketBoundaries is null,
        _ => false,
    };
}
