using System.Net;
using Actors.Runtime.Membership;

namespace Actors.Runtime.Placement;

/// <summary>
/// Where grains live as of one membership table version: the hash ring over the Active silos, and which of them this
/// process is (null in a client, which hosts no grains). Immutable; callers route by the newest one they have.
/// </summary>
public sealed class PlacementView
{
    private readonly Dictionary<SiloAddress, EndPoint> _endpoints;
    private readonly HashSet<SiloAddress> _leaving;
    private readonly HashRing? _ringWithLeaving;

    internal PlacementView(long version, IReadOnlyCollection<SiloAddress> activeSilos, SiloAddress? self, IReadOnlyCollection<SiloAddress>? leavingSilos = null)
    {
        Version = version;
        Self = self;
        Ring = new HashRing(activeSilos);
        _endpoints = Ring.Silos.ToDictionary(silo => silo, EndPointOf);
        _leaving = [.. leavingSilos ?? []];
        _ringWithLeaving = _leaving.Count == 0 ? null : new HashRing(activeSilos.Concat(_leaving));
    }

    /// <summary>The membership table version this view was built from; −1 before the first read.</summary>
    public long Version { get; }

    /// <summary>The silo this process is, or null in a client.</summary>
    public SiloAddress? Self { get; }

    /// <summary>The ring over the Active silos.</summary>
    public HashRing Ring { get; }

    /// <summary>The silo that owns <paramref name="grainId"/>, or null when no silo is Active. A silo-addressed grain
    /// (<see cref="Diagnostics.ISiloControlGrain"/>, keyed by a silo address) belongs to that silo while it is on the
    /// ring; every other grain to its ring owner.</summary>
    public SiloAddress? OwnerOf(GrainId grainId)
    {
        if (!ReferenceEquals(grainId.Type.Name, SiloControlType))
            return Ring.OwnerOf(grainId);
        foreach (var silo in Ring.Silos)
        {
            if (silo.ToString() == grainId.Key)
                return silo;
        }

        return null;
    }

    // Grain type names are interned (GrainType), so a reference comparison suffices.
    private static readonly string SiloControlType = string.Intern(Diagnostics.SiloControlGrain.TypeName);

    /// <summary>The silo leaving gracefully (ShuttingDown) that owned <paramref name="grainId"/> before it began to
    /// leave, and may still be deactivating it; null when the grain is not being handed over.</summary>
    public SiloAddress? HandingOver(GrainId grainId) =>
        _ringWithLeaving?.OwnerOf(grainId) is { } previous && _leaving.Contains(previous) ? previous : null;

    /// <summary>Whether this process owns <paramref name="grainId"/> in this view.</summary>
    public bool OwnsLocally(GrainId grainId) => Self is not null && OwnerOf(grainId) == Self;

    /// <summary>Where to connect to <paramref name="silo"/>.</summary>
    public EndPoint EndPointFor(SiloAddress silo) => _endpoints.TryGetValue(silo, out var endpoint) ? endpoint : EndPointOf(silo);

    /// <summary>The TCP endpoint of a silo address: an IP address as is, a host name resolved at connect time.</summary>
    public static EndPoint EndPointOf(SiloAddress silo) =>
        IPAddress.TryParse(silo.Host, out var address) ? new IPEndPoint(address, silo.Port) : new DnsEndPoint(silo.Host, silo.Port);

    /// <inheritdoc />
    public override string ToString() => $"v{Version}: [{string.Join(", ", Ring.Silos)}]";
}
