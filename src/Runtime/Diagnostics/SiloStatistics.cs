namespace Actors.Runtime.Diagnostics;

/// <summary>What one silo reports about itself to the management interface and the dashboard.</summary>
/// <param name="SiloName">The silo's name.</param>
/// <param name="StartedAt">When the silo started.</param>
/// <param name="Activations">Live activations.</param>
/// <param name="ActivationsByType">Live activations per grain type.</param>
/// <param name="Reminders">Reminders this silo delivers.</param>
/// <param name="Methods">Call statistics per grain method.</param>
/// <param name="CpuUsage">Process CPU use since the previous report, as a fraction of all cores (0..1).</param>
/// <param name="WorkingSetBytes">Process working set.</param>
/// <param name="ManagedHeapBytes">Managed heap size.</param>
/// <param name="Details">Sections added by <see cref="ISiloDetailsContributor"/>s, by name.</param>
public sealed record SiloStatistics(
    string SiloName,
    DateTimeOffset StartedAt,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    int Reminders,
    IReadOnlyList<MethodStatisticsSnapshot> Methods,
    double CpuUsage,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    IReadOnlyDictionary<string, object> Details);
