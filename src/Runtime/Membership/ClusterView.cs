namespace Actors.Runtime.Membership;

/// <summary>
/// One silo's immutable view of the cluster as of one table version: what placement builds its ring from. Views from
/// <see cref="MembershipAgent"/> only move forward: a newer view always has a greater <see cref="Version"/>.
/// </summary>
public sealed class ClusterView
{
    private ClusterView(long version, SiloAddress self, IReadOnlyList<SiloAddress> activeSilos, IReadOnlyList<MembershipEntry> entries)
    {
        Version = version;
        Self = self;
        ActiveSilos = activeSilos;
        Entries = entries;
    }

    /// <summary>The table version this view was read at; −1 for the empty view before the first read.</summary>
    public long Version { get; }

    /// <summary>The silo holding this view.</summary>
    public SiloAddress Self { get; }

    /// <summary>The silos with status <see cref="SiloStatus.Active"/>, in a fixed order (host ordinal, port, generation),
    /// so every silo with the same version sees the same list.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos { get; }

    /// <summary>Every row of the table at <see cref="Version"/>, dead silos included. Heartbeat times in it may be old:
    /// heartbeats do not change the version.</summary>
    public IReadOnlyList<MembershipEntry> Entries { get; }

    /// <summary>The empty view (<see cref="Version"/> −1) a silo has before it first reads the table.</summary>
    public static ClusterView Empty(SiloAddress self) => new(-1, self, [], []);

    /// <summary>The view of <paramref name="snapshot"/> as seen by <paramref name="self"/>.</summary>
    public static ClusterView From(MembershipSnapshot snapshot, SiloAddress self)
    {
        var active = snapshot.ActiveSilos
            .OrderBy(s => s.Host, StringComparer.Ordinal)
            .ThenBy(s => s.Port)
            .ThenBy(s => s.Generation)
            .ToArray();
        return new ClusterView(snapshot.Version, self, active, snapshot.Entries.ToArray());
    }

    /// <summary>The silos with status <see cref="SiloStatus.ShuttingDown"/>: leaving gracefully, still handing their
    /// grains over.</summary>
    public IEnumerable<SiloAddress> LeavingSilos => Entries.Where(e => e.Status == SiloStatus.ShuttingDown).Select(e => e.Silo);

    /// <summary>The row of <paramref name="silo"/>, or null if the table has none.</summary>
    public MembershipEntry? Find(SiloAddress silo) => Entries.FirstOrDefault(e => e.Silo == silo);

    /// <summary>True if <paramref name="silo"/> is <see cref="SiloStatus.Active"/> in this view.</summary>
    public bool IsActive(SiloAddress silo) => Find(silo)?.Status == SiloStatus.Active;

    /// <inheritdoc />
    public override string ToString() => $"v{Version}: [{string.Join(", ", ActiveSilos)}]";
}
