using Actors.Runtime.Activation;

namespace Actors.Runtime.Diagnostics;

/// <summary>The per-silo controls (<see cref="ISiloControlGrain"/>); reentrant: every call only reads or signals.</summary>
[Reentrant]
[GrainType(TypeName)]
internal sealed class SiloControlGrain(SiloStatisticsCollector statistics, ActivationCollector collector) : Grain, ISiloControlGrain
{
    /// <summary>The grain type placement recognises as silo-addressed.</summary>
    public const string TypeName = "silo-control";

    public Task<SiloStatistics> GetStatisticsAsync(CancellationToken cancellationToken) => Task.FromResult(statistics.Collect());

    public Task<int> ForceActivationCollectionAsync(CancellationToken cancellationToken) => Task.FromResult(collector.CollectIdle(force: true));
}
