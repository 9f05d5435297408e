namespace Actors.Bench;

/// <summary>One measured run: how many operations finished in how long, and latency percentiles.</summary>
/// <param name="Subject">What was measured.</param>
/// <param name="Scale">Callers, connections or calls in flight, or grains/rows (persistence).</param>
/// <param name="Operations">Operations finished.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="P50">Median latency.</param>
/// <param name="P99">99th percentile latency.</param>
internal sealed record Measurement(string Subject, int Scale, long Operations, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public bool IsBaseline => Subject.Contains("baseline", StringComparison.Ordinal);

    /// <summary>A markdown row; latencies in microseconds or milliseconds; ratio against <paramref name="baseline"/>.</summary>
    public string Row(double? baseline, bool milliseconds) =>
        $"| {Subject} | {Scale:N0} | {PerSecond:N0} | {Format(P50, milliseconds)} | {Format(P99, milliseconds)} | " +
        (baseline is { } b && !IsBaseline ? $"{PerSecond / b:N2}" : "—") + " |";

    private static string Format(TimeSpan latency, bool milliseconds) =>
        milliseconds ? latency.TotalMilliseconds.ToString("N2") : latency.TotalMicroseconds.ToString("N1");
}
