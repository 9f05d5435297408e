namespace Actors.Runtime.Diagnostics;

/// <summary>
/// One silo's own controls, addressed by the silo: the grain key is the silo's address (<c>host:port@generation</c>) and
/// placement puts it on exactly that silo, not on the ring (as Orleans' system targets). The management grain calls
/// it on every silo of the view to gather cluster-wide statistics.
/// </summary>
public interface ISiloControlGrain : IGrainWithStringKey
{
    /// <summary>This silo's statistics.</summary>
    Task<SiloStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deactivates this silo's idle activations now; returns how many started deactivating.</summary>
    Task<int> ForceActivationCollectionAsync(CancellationToken cancellationToken = default);
}
