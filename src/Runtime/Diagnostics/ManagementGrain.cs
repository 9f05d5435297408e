using Actors.Runtime.Activation;

namespace Actors.Runtime.Diagnostics;

/// <summary>The management grain. On a single silo it reports that silo; a cluster asks every member.</summary>
[Reentrant]
[GrainType("management")]
internal sealed class ManagementGrain(SiloStatisticsCollector statistics, ActivationCollector collector) : Grain, IManagementGrain
{
    public Task<IReadOnlyList<SiloStatistics>> GetSiloStatisticsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SiloStatistics>>([statistics.Collect()]);

    public Task<int> ForceActivationCollectionAsync(CancellationToken cancellationToken) => Task.FromResult(collector.CollectIdle(force: true));
}
