using Actors.Grains.Diagnostics;

namespace Actors.Bench.Cluster;

/// <summary>Calls of one grain method each silo has served, from the product's per-silo grain call statistics
/// (<see cref="GrainCallStatistics"/>, read through Orleans' management grain as the admin API reads them).</summary>
internal static class SiloCallCounts
{
    /// <summary>Silo name → calls of <paramref name="method"/> served since the silo started.</summary>
    public static async Task<Dictionary<string, long>> OfAsync(IGrainFactory grains, string method)
    {
        var answers = await grains.GetGrain<IManagementGrain>(0)
            .SendControlCommandToProvider<GrainCallStatistics>(GrainCallStatistics.ServiceKey, GrainCallStatistics.SnapshotCommand);
        return answers.Cast<SiloCallStatistics>().ToDictionary(
            silo => silo.SiloName, silo => silo.Methods.Where(m => m.Method == method).Sum(m => m.Calls));
    }
}
