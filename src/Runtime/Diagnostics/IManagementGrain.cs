using Actors.Runtime.Diagnostics;

namespace Actors.Runtime;

/// <summary>
/// The management interface of the cluster (key 0): what the admin dashboard reads. Each silo answers for itself;
/// this grain gathers the answers.
/// </summary>
public interface IManagementGrain : IGrainWithIntegerKey
{
    /// <summary>Statistics of every silo: activations, call counts, failures and latencies per grain method.</summary>
    Task<IReadOnlyList<SiloStatistics>> GetSiloStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deactivates every activation that is idle right now and not kept alive, on every silo; returns how many.</summary>
    Task<int> ForceActivationCollectionAsync(CancellationToken cancellationToken = default);
}
