using System.Diagnostics.Metrics;
using Actors.Runtime.Activation;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// The runtime's <see cref="System.Diagnostics.Metrics"/> instruments (meter <c>Actors.Runtime</c>). Call counts and
/// activation counts are observable (read from the statistics only when a listener collects), so they cost nothing per
/// call; the call-duration histogram is recorded only while a listener is enabled for it.
/// </summary>
internal sealed class RuntimeMetrics
{
    public const string MeterName = "Actors.Runtime";
    private readonly Histogram<double> _callDuration;

    public RuntimeMetrics(IMeterFactory meterFactory, GrainClassRegistry registry)
    {
        var meter = meterFactory.Create(MeterName);
        _callDuration = meter.CreateHistogram<double>("actors.grain.call.duration", "s", "Time from a grain call being made to its answer.");
        meter.CreateObservableCounter("actors.grain.calls", () => registry.Classes.SelectMany(c => c.Methods)
            .Select(m => new Measurement<long>(m.Calls, Tags(m.GrainType, m.InterfaceName, m.MethodName))), description: "Grain calls finished.");
        meter.CreateObservableCounter("actors.grain.call.failures", () => registry.Classes.SelectMany(c => c.Methods)
            .Select(m => new Measurement<long>(m.Failures, Tags(m.GrainType, m.InterfaceName, m.MethodName))), description: "Grain calls that threw.");
        meter.CreateObservableGauge("actors.activations", () => registry.Classes
            .Select(c => new Measurement<int>(c.ActivationCount, new KeyValuePair<string, object?>("grain_type", c.GrainType.Name))),
            description: "Live activations on this silo.");
    }

    public void RecordCall(GrainType grainType, GrainRequest request, TimeSpan elapsed, bool failed)
    {
        if (!_callDuration.Enabled)
            return;
        _callDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("grain_type", grainType.Name),
            new KeyValuePair<string, object?>("method", request.MethodName),
            new KeyValuePair<string, object?>("outcome", failed ? "failure" : "success"));
    }

    private static KeyValuePair<string, object?>[] Tags(GrainType grainType, string grainInterface, string method) =>
    [
        new("grain_type", grainType.Name),
        new("interface", grainInterface),
        new("method", method),
    ];
}
