namespace Actors.Grains.Diagnostics;

/// <summary>
/// Calls, failures and a latency histogram for one grain method on one silo, also recorded into
/// <see cref="GrainCallMeters"/>. Latency runs from the call reaching the
/// grain's incoming call filters to the grain answering (time queued behind other calls of the activation is not
/// included). Updated lock-free on every call; read as a <see cref="MethodStatisticsSnapshot"/>.
/// </summary>
internal sealed class MethodStatistics(string grainType, string interfaceName, string methodName, GrainCallMeters meters)
{
    private readonly GrainCallMeters.Tags _tags = meters.TagsFor(grainType, interfaceName, methodName);
    private readonly long[] _buckets = new long[LatencyHistogram.BucketCount];
    private long _calls;
    private long _failures;
    private long _totalTicks;

    public void Record(TimeSpan elapsed, bool failed)
    {
        Interlocked.Increment(ref _calls);
        if (failed)
            Interlocked.Increment(ref _failures);
        Interlocked.Add(ref _totalTicks, elapsed.Ticks);
        Interlocked.Increment(ref _buckets[LatencyHistogram.BucketOf(elapsed)]);
        meters.Record(_tags, elapsed, failed);
    }

    public MethodStatisticsSnapshot Snapshot()
    {
        var buckets = new long[_buckets.Length];
        for (var i = 0; i < buckets.Length; i++)
            buckets[i] = Volatile.Read(ref _buckets[i]);
        var calls = Volatile.Read(ref _calls);
        return new MethodStatisticsSnapshot(
            grainType, interfaceName, methodName, calls, Volatile.Read(ref _failures),
            calls == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Volatile.Read(ref _totalTicks) / calls),
            LatencyHistogram.Percentile(buckets, 0.50), LatencyHistogram.Percentile(buckets, 0.99));
    }
}

/// <summary>Call statistics of one grain method on one silo at one moment.</summary>
/// <param name="GrainType">The grain type (Orleans' name, e.g. <c>course</c>).</param>
/// <param name="Interface">The grain interface that declares the method.</param>
/// <param name="Method">The method name.</param>
/// <param name="Calls">Calls finished since the silo started.</param>
/// <param name="Failures">Calls among them that threw.</param>
/// <param name="MeanLatency">Mean latency.</param>
/// <param name="P50Latency">Median latency (upper bound of its histogram bucket).</param>
/// <param name="P99Latency">99th percentile latency (upper bound of its histogram bucket).</param>
[GenerateSerializer, Immutable, Alias("actors.MethodStatisticsSnapshot")]
public sealed record MethodStatisticsSnapshot(
    string GrainType,
    string Interface,
    string Method,
    long Calls,
    long Failures,
    TimeSpan MeanLatency,
    TimeSpan P50Latency,
    TimeSpan P99Latency);
