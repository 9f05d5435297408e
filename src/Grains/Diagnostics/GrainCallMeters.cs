using System.Diagnostics.Metrics;

namespace Actors.Grains.Diagnostics;

/// <summary>
/// The grain call instruments of meter <see cref="MeterName"/>, recorded for every call to a grain of this silo by
/// <see cref="GrainCallStatisticsFilter"/>: <c>actors.grain.calls</c> and <c>actors.grain.call.failures</c> (counters,
/// tagged <c>grain_type</c>, <c>interface</c>, <c>method</c>) and <c>actors.grain.call.duration</c> (histogram in seconds,
/// tagged <c>grain_type</c>, <c>method</c>, <c>outcome</c>). Orleans' own meter (<c>Microsoft.Orleans</c>) has no
/// per-method figures.
/// </summary>
public sealed class GrainCallMeters
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Actors.Grains";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    public GrainCallMeters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("actors.grain.calls", unit: "{call}", description: "Grain calls finished.");
        _failures = meter.CreateCounter<long>("actors.grain.call.failures", unit: "{call}", description: "Grain calls that threw.");
        _duration = meter.CreateHistogram<double>("actors.grain.call.duration", unit: "s", description: "Grain call duration on the silo.");
    }

    internal Tags TagsFor(string grainType, string interfaceName, string method) => new(
        [new("grain_type", grainType), new("interface", interfaceName), new("method", method)],
        [new("grain_type", grainType), new("method", method), new("outcome", "success")],
        [new("grain_type", grainType), new("method", method), new("outcome", "failure")]);

    internal void Record(Tags tags, TimeSpan elapsed, bool failed)
    {
        _calls.Add(1, tags.Call);
        if (failed)
            _failures.Add(1, tags.Call);
        _duration.Record(elapsed.TotalSeconds, failed ? tags.Failure : tags.Success);
    }

    /// <summary>One method's tag sets, built once.</summary>
    internal sealed record Tags(KeyValuePair<string, object?>[] Call, KeyValuePair<string, object?>[] Success, KeyValuePair<string, object?>[] Failure);
}
