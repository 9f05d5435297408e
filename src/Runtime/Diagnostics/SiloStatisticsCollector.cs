using System.Diagnostics;
using Actors.Runtime.Activation;
using Actors.Runtime.Hosting;
using Actors.Runtime.Reminders;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Diagnostics;

/// <summary>Assembles this silo's <see cref="SiloStatistics"/> on demand (nothing is computed between reports).</summary>
internal sealed class SiloStatisticsCollector(
    GrainClassRegistry registry,
    ActivationTable table,
    ReminderService reminders,
    TimeProvider time,
    IOptions<SiloOptions> options,
    IEnumerable<ISiloDetailsContributor> contributors)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private readonly Lock _cpuLock = new();
    private long _lastSample = time.GetTimestamp();
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;

    public SiloStatistics Collect()
    {
        using var process = Process.GetCurrentProcess();
        return new SiloStatistics(
            options.Value.SiloName,
            _startedAt,
            table.Count,
            registry.Classes.Where(c => c.ActivationCount > 0).ToDictionary(c => c.GrainType.Name, c => c.ActivationCount),
            reminders.Count,
            registry.Classes.SelectMany(c => c.Methods).Select(m => m.Snapshot())
                .OrderBy(m => m.GrainType, StringComparer.Ordinal).ThenBy(m => m.Method, StringComparer.Ordinal).ToList(),
            CpuUsageSinceLastReport(process),
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            contributors.ToDictionary(c => c.Name, c => c.Collect()));
    }

    private double CpuUsageSinceLastReport(Process process)
    {
        lock (_cpuLock)
        {
            var now = time.GetTimestamp();
            var cpu = process.TotalProcessorTime;
            var wall = time.GetElapsedTime(_lastSample, now);
            var usage = wall <= TimeSpan.Zero ? 0 : (cpu - _lastCpu) / wall / Environment.ProcessorCount;
            (_lastSample, _lastCpu) = (now, cpu);
            return Math.Clamp(usage, 0, 1);
        }
    }
}
