using Actors.Grains.Diagnostics;

namespace Actors.Api.Admin;

/// <summary>One row of <c>GET /admin/api/grains</c>: call statistics of one grain method on one silo, latencies in
/// milliseconds.</summary>
/// <param name="Silo">The silo that ran the calls.</param>
/// <param name="GrainType">The grain type (Orleans' name, e.g. <c>course</c>).</param>
/// <param name="Interface">The grain interface that declares the method.</param>
/// <param name="Method">The method name.</param>
/// <param name="Calls">Calls finished since the silo started.</param>
/// <param name="Failures">Calls among them that threw.</param>
/// <param name="MeanLatencyMs">Mean latency.</param>
/// <param name="P50LatencyMs">Median latency (upper bound of its histogram bucket).</param>
/// <param name="P99LatencyMs">99th percentile latency (upper bound of its histogram bucket).</param>
public sealed record GrainMethodStatistics(
    string Silo,
    string GrainType,
    string Interface,
    string Method,
    long Calls,
    long Failures,
    double MeanLatencyMs,
    double P50LatencyMs,
    double P99LatencyMs)
{
    /// <summary>The row for <paramref name="method"/> as reported by <paramref name="silo"/>.</summary>
    public static GrainMethodStatistics From(string silo, MethodStatisticsSnapshot method) => new(
        silo, method.GrainType, method.Interface, method.Method, method.Calls, method.Failures,
        method.MeanLatency.TotalMilliseconds, method.P50Latency.TotalMilliseconds, method.P99Latency.TotalMilliseconds);
}

/// <summary>The answer of <c>POST /admin/api/grains/collect</c>.</summary>
/// <param name="Deactivated">Idle activations deactivated, over all silos.</param>
public sealed record CollectionResult(int Deactivated);
