using Actors.Runtime.Hosting;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// The cluster's management entry point (<see cref="IManagementGrain"/>): asks every silo of the current view through
/// its <see cref="ISiloControlGrain"/>, concurrently. A stand-alone silo asks only itself.
/// </summary>
[Reentrant]
[GrainType("management")]
internal sealed class ManagementGrain(ClusterPlacement placement, IOptions<ClusterOptions> cluster) : Grain, IManagementGrain
{
    public async Task<IReadOnlyList<SiloStatistics>> GetSiloStatisticsAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(SiloControls().Select(silo => silo.GetStatisticsAsync(cancellationToken)));

    public async Task<int> ForceActivationCollectionAsync(CancellationToken cancellationToken) =>
        (await Task.WhenAll(SiloControls().Select(silo => silo.ForceActivationCollectionAsync(cancellationToken)))).Sum();

    private IEnumerable<ISiloControlGrain> SiloControls() => cluster.Value.Enabled
        ? placement.Current.Ring.Silos.Select(silo => GrainFactory.GetGrain<ISiloControlGrain>(silo.ToString()))
        : [GrainFactory.GetGrain<ISiloControlGrain>("local")];
}
