using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Actors.Api.Metrics;

/// <summary>
/// What one instrument has measured, per tag set (one Prometheus series per tag set), and how to write it.
/// Counters and up-down counters add up; observable instruments and gauges keep the last value (observable counters
/// report their running total); histograms count into cumulative buckets. Measurements arrive on any thread.
/// </summary>
internal sealed class InstrumentAggregator
{
    /// <summary>Bucket bounds for histograms that do not advise their own: Prometheus clients' defaults, made for seconds.</summary>
    public static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>How many distinct measured tag sets one instrument remembers (<see cref="MeasuredTagSet"/>); past that,
    /// new tag sets still count, through their label string.</summary>
    public const int MaxMeasuredTagSets = 4096;

    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    // The series of each tag set as measured, so a repeated measurement finds its series without building its label
    // string. Several measured tag sets (the same tags in another order, say) may share one series.
    private readonly ConcurrentDictionary<MeasuredTagSet, Series> _seriesByMeasuredTags = new(MeasuredTagSet.Comparer.Instance);
    private readonly ConcurrentDictionary<MeasuredTagSet, Series>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _measuredTagsLookup;
    private int _measuredTagSets;
    private readonly Instrument _instrument;
    private readonly MetricKind _kind;
    private readonly bool _keepsLastValue;
    private readonly double[] _bounds;

    public InstrumentAggregator(Instrument instrument)
    {
        _instrument = instrument;
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        _kind = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricKind.Counter
            : definition == typeof(Histogram<>) ? MetricKind.Histogram
            : MetricKind.Gauge;
        _keepsLastValue = instrument.IsObservable || definition == typeof(Gauge<>);
        _bounds = _kind == MetricKind.Histogram ? AdvisedBounds(instrument) ?? DefaultBounds : [];
        var name = PrometheusText.Name(instrument.Name);
        Name = _kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        _measuredTagsLookup = _seriesByMeasuredTags.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    /// <summary>The Prometheus metric name.</summary>
    public string Name { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = SeriesOf(tags);
        if (_kind == MetricKind.Histogram)
        {
            var bucket = 0;
            while (bucket < _bounds.Length && value > _bounds[bucket])
                bucket++;
            lock (series)
            {
                series.Buckets[bucket]++;
                series.Count++;
                series.Value += value;
            }
        }
        else if (_keepsLastValue)
        {
            Volatile.Write(ref series.Value, value);
        }
        else
        {
            series.Add(value);
        }
    }

    private Series SeriesOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_measuredTagsLookup.TryGetValue(tags, out var known))
            return known;
        var series = _series.GetOrAdd(PrometheusText.Labels(tags), static (_, buckets) => new Series(buckets), _bounds.Length + 1);
        if (Volatile.Read(ref _measuredTagSets) < MaxMeasuredTagSets && MeasuredTagSet.IsCacheable(tags) && _measuredTagsLookup.TryAdd(tags, series))
            Interlocked.Increment(ref _measuredTagSets);
        return series;
    }

    /// <summary>Forgets observed values before the observable callbacks run again, so a series that is no longer
    /// reported (a grain type with no activations left) disappears instead of showing its last value forever.</summary>
    public void BeginCollection()
    {
        if (!_instrument.IsObservable)
            return;
        _seriesByMeasuredTags.Clear();
        Volatile.Write(ref _measuredTagSets, 0);
        _series.Clear();
    }

    public void WriteTo(StringBuilder text)
    {
        if (_series.IsEmpty)
            return;
        if (!string.IsNullOrEmpty(_instrument.Description))
            text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.Help(_instrument.Description)).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(_kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            lock (series)
            {
                if (_kind == MetricKind.Histogram)
                    WriteHistogram(text, labels, series);
                else
                    WriteSample(text, Name, labels, Volatile.Read(ref series.Value));
            }
        }
    }

    private void WriteHistogram(StringBuilder text, string labels, Series series)
    {
        var separator = labels.Length == 0 ? "" : ",";
        long cumulative = 0;
        for (var i = 0; i <= _bounds.Length; i++)
        {
            cumulative += series.Buckets[i];
            var bound = i < _bounds.Length ? _bounds[i] : double.PositiveInfinity;
            WriteSample(text, Name + "_bucket", $"{labels}{separator}le=\"{PrometheusText.Number(bound)}\"", cumulative);
        }

        WriteSample(text, Name + "_sum", labels, series.Value);
        WriteSample(text, Name + "_count", labels, series.Count);
    }

    private static void WriteSample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
            text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }

    private static double[]? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<float> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<long> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<int> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        _ => null,
    };

    private enum MetricKind
    {
        Counter,
        Gauge,
        Histogram,
    }

    /// <summary>One series. A histogram's fields change together under its lock; a counter's or gauge's value alone,
    /// without one.</summary>
    private sealed class Series(int bucketCount)
    {
        /// <summary>The value of a counter or gauge; the sum of a histogram.</summary>
        public double Value;
        public long Count;
        public readonly long[] Buckets = new long[bucketCount];

        /// <summary>Adds <paramref name="amount"/> to <see cref="Value"/>, atomically.</summary>
        public void Add(double amount)
        {
            var current = Volatile.Read(ref Value);
            while (true)
            {
                var seen = Interlocked.CompareExchange(ref Value, current + amount, current);
                if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
                    return;
                current = seen;
            }
        }
    }
}
