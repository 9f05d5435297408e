namespace Actors.Bench.Ping;

internal sealed record PingResult(string Subject, int Callers, long Calls, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    public string Row(double? baseline) =>
        $"| {Subject} | {Callers} | {CallsPerSecond:N0} | {P50.TotalMicroseconds:N1} | {P99.TotalMicroseconds:N1} | " +
        (baseline is { } b ? $"{CallsPerSecond / b:N2}" : "—") + " |";
}
