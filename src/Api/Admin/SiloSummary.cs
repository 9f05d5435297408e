namespace Actors.Api.Admin;

/// <summary>One row of <c>GET /admin/api/silos</c>: a silo of the membership table and, while it is active, what it
/// runs.</summary>
/// <param name="SiloName">The silo's name.</param>
/// <param name="Address">Its address (<c>ip:port@generation</c>).</param>
/// <param name="HostName">The host it runs on.</param>
/// <param name="Status">Its membership status: <c>Joining</c>, <c>Active</c>, <c>ShuttingDown</c>, <c>Dead</c>, ...</param>
/// <param name="Started">When it started.</param>
/// <param name="LastIAmAlive">Its last heartbeat in the membership table.</param>
/// <param name="Activations">Grain activations on it (0 unless active).</param>
/// <param name="ActivationsByType">Activations per grain type.</param>
/// <param name="CpuUsagePercent">CPU use of the silo's process, if known.</param>
/// <param name="MemoryUsageBytes">Memory used by the silo's process, if known.</param>
/// <param name="ClientCount">Cluster clients connected to its gateway.</param>
public sealed record SiloSummary(
    string SiloName,
    string Address,
    string HostName,
    string Status,
    DateTimeOffset Started,
    DateTimeOffset LastIAmAlive,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    float? CpuUsagePercent,
    long? MemoryUsageBytes,
    long ClientCount)
{
    internal static SiloSummary From(MembershipEntry entry, SiloRuntimeStatistics? statistics, IEnumerable<SimpleGrainStatistic> grains) => new(
        entry.SiloName,
        entry.SiloAddress.ToParsableString(),
        entry.HostName,
        entry.Status.ToString(),
        new DateTimeOffset(DateTime.SpecifyKind(entry.StartTime, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(entry.IAmAliveTime, DateTimeKind.Utc)),
        statistics?.ActivationCount ?? 0,
        grains.Where(g => g.SiloAddress.Equals(entry.SiloAddress))
            .GroupBy(g => g.GrainType, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal),
        statistics?.EnvironmentStatistics.FilteredCpuUsagePercentage,
        statistics?.EnvironmentStatistics.FilteredMemoryUsageBytes,
        statistics?.ClientCount ?? 0);
}
