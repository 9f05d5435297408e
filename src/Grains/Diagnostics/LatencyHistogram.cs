using System.Numerics;

namespace Actors.Grains.Diagnostics;

/// <summary>
/// Power-of-two latency buckets over microseconds: bucket 0 holds latencies under 1 µs, bucket i (i ≥ 1) those in
/// [2^(i-1), 2^i) µs, and the last bucket everything from about 17 min up. Pure functions, shared by the statistics and
/// the dashboard.
/// </summary>
public static class LatencyHistogram
{
    /// <summary>Number of buckets.</summary>
    public const int BucketCount = 32;

    /// <summary>The bucket of a latency.</summary>
    public static int BucketOf(TimeSpan elapsed)
    {
        var micros = (ulong)Math.Max(0, elapsed.Ticks) / TimeSpan.TicksPerMicrosecond;
        return micros == 0 ? 0 : Math.Min(BucketCount - 1, 64 - BitOperations.LeadingZeroCount(micros));
    }

    /// <summary>The exclusive upper bound of bucket <paramref name="bucket"/>.</summary>
    public static TimeSpan UpperBound(int bucket) => TimeSpan.FromMicroseconds(Math.Pow(2, bucket));

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/> (0..1) of the counts.</summary>
    public static TimeSpan Percentile(IReadOnlyList<long> buckets, double quantile)
    {
        long total = 0;
        foreach (var count in buckets)
            total += count;
        if (total == 0)
            return TimeSpan.Zero;
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
                return UpperBound(i);
        }

        return UpperBound(buckets.Count - 1);
    }
}
