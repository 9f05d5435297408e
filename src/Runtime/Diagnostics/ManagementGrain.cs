using Actors.Runtime.Hosting;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// The cluster's management entry point (<see cref="IManagementGrain"/>): asks every silo of the current view through
/// its <see cref="ISiloControlGrain"/>, concurrently. A stand-alone silo asks only itself. A silo that cannot be reached
/// (killed and not yet declared dead, say) is left out of the answer, so the dashboard keeps working while a node is down.
/// </summary>
[Reentrant]
[GrainType("management")]
internal sealed class ManagementGrain(ClusterPlacement placement, IOptions<ClusterOptions> cluster) : Grain, IManagementGrain
{
    public async Task<IReadOnlyList<SiloStatistics>> GetSiloStatisticsAsync(CancellationToken cancellationToken) =>
        (await Task.WhenAll(SiloControls().Select(silo => Reachable(silo.GetStatisticsAsync(cancellationToken))))).OfType<SiloStatistics>().ToArray();

    public async Task<int> ForceActivationCollectionAsync(CancellationToken cancellationToken) =>
        (await Task.WhenAll(SiloControls().Select(silo => Reachable(silo.ForceActivationCollectionAsync(cancellationToken))))).Sum();

    private static async Task<T?> Reachable<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (SiloUnavailableException)
        {
            return default;
        }
    }

    private IEnumerable<ISiloControlGrain> SiloControls() => cluster.Value.Enabled
        ? placement.Current.Ring.Silos.Select(silo => GrainFactory.GetGrain<ISiloControlGrain>(silo.ToString()))
        : [GrainFactory.GetGrain<ISiloControlGrain>("local")];
}
