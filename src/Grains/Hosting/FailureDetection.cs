using Orleans.Configuration;

namespace Actors.Grains.Hosting;

/// <summary>
/// Our defaults for Orleans' failure detection (<see cref="ClusterMembershipOptions"/>), chosen so that a killed silo's
/// grains are served by the others within about 5 s without declaring a merely slow silo dead on a loaded 2-core host.
/// A probe is sent about every second (the probe period settles at <c>ProbeTimeout / 2</c>); a silo that misses three
/// in a row (the third probe goes through another silo) is voted dead. Operators override any of them under
/// <see cref="Section"/> (the option names of <see cref="ClusterMembershipOptions"/>). docs/operations.md gives the
/// trade-off.
/// </summary>
public static class FailureDetection
{
    /// <summary>The configuration section whose keys override the defaults.</summary>
    public const string Section = "Actors:Cluster:Membership";

    /// <summary>Sets our defaults.</summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        options.NumVotesForDeathDeclaration = 2;
        options.EnableIndirectProbes = true;
        options.ExtendProbeTimeoutDuringDegradation = true;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }
}
