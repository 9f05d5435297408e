using System.Diagnostics;
using Actors.Bench.Cluster;

namespace Actors.Bench;

/// <summary>Processor time (user + system) of processes, read from the operating system.</summary>
internal static class ProcessorTime
{
    public static TimeSpan OfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    public static TimeSpan Of(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.TotalProcessorTime;
    }

    public static TimeSpan Of(IEnumerable<BenchChildProcess> children)
    {
        var total = TimeSpan.Zero;
        foreach (var child in children)
            total += Of(child.ProcessId);
        return total;
    }
}
