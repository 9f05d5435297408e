using System.Diagnostics;

namespace Actors.Bench;

/// <summary>Per-caller latency samples (every call), merged and sorted at the end for exact percentiles.</summary>
/// <param name="initialCapacity">Samples each caller's list holds before it grows.</param>
internal sealed class LatencyRecorder(int initialCapacity = 1 << 20)
{
    private readonly List<List<long>> _perCaller = [];

    public List<long> ForCaller()
    {
        var samples = new List<long>(initialCapacity);
        lock (_perCaller)
            _perCaller.Add(samples);
        return samples;
    }

    public (TimeSpan P50, TimeSpan P99) Percentiles()
    {
        var all = _perCaller.SelectMany(s => s).ToArray();
        Array.Sort(all);
        TimeSpan At(double q) => all.Length == 0 ? TimeSpan.Zero
            : TimeSpan.FromSeconds(all[Math.Min(all.Length - 1, (int)(q * all.Length))] / (double)Stopwatch.Frequency);
        return (At(0.50), At(0.99));
    }
}
