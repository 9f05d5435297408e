using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Options;

namespace Actors.Api.Metrics;

/// <summary>
/// Serves <c>/metrics</c> without an OpenTelemetry exporter: a <see cref="MeterListener"/> aggregates the instruments of
/// the runtime (<c>Actors.Runtime</c>), the API host (<c>Actors.Api</c>, reserved for its own instruments) and ASP.NET
/// Core (request durations, connections; which meters: <see cref="MetricsOptions"/>), and <see cref="Render"/> writes them in the
/// Prometheus text format 0.0.4. Only meters of this host's <see cref="IMeterFactory"/> are read, so hosts that share a
/// process (tests) do not see each other's numbers.
/// </summary>
internal sealed class PrometheusExporter : IHostedService, IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregator> _aggregators = new();
    private readonly Lock _scrapeLock = new();

    public PrometheusExporter(IMeterFactory meterFactory, IOptions<MetricsOptions> options)
    {
        var exported = options.Value;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope != meterFactory || !exported.IsExported(instrument.Meter.Name))
                return;
            listener.EnableMeasurementEvents(instrument, _aggregators.GetOrAdd(instrument, static i => new InstrumentAggregator(i)));
        };
        _listener.MeasurementsCompleted = (instrument, _) => _aggregators.TryRemove(instrument, out InstrumentAggregator? _);
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record((double)value, tags));
    }

    /// <summary>Reads the observable instruments and writes every series. Scrapes run one at a time.</summary>
    public string Render()
    {
        lock (_scrapeLock)
        {
            var aggregators = _aggregators.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
            foreach (var aggregator in aggregators)
                aggregator.BeginCollection();
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var aggregator in aggregators)
                aggregator.WriteTo(text);
            return text.ToString();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
