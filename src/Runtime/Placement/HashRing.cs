using Actors.Runtime.Membership;

namespace Actors.Runtime.Placement;

/// <summary>
/// The consistent-hash ring over a set of silos: each silo stands at <see cref="DefaultVirtualNodes"/> points
/// (stable hashes of its address and an index), and owns the arc from the previous point (exclusive) to each of its
/// points (inclusive). A grain belongs to the owner of its <see cref="GrainId.UniformHash"/>; a silo's reminders are those
/// of grains in its ranges. Adding or removing a silo moves only the arcs next to its points, about 1/N of the ring.
/// Immutable: build a new ring for each cluster view.
/// </summary>
public sealed class HashRing
{
    /// <summary>Points per silo: enough to spread ownership within a few percent for small clusters.</summary>
    public const int DefaultVirtualNodes = 64;

    private readonly uint[] _points;
    private readonly SiloAddress[] _owners;

    /// <summary>Builds the ring of <paramref name="silos"/> (duplicates ignored; order does not matter).</summary>
    public HashRing(IEnumerable<SiloAddress> silos, int virtualNodes = DefaultVirtualNodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodes, 1);
        Silos = silos.Distinct().OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
        var points = Silos
            .SelectMany(silo => Enumerable.Range(0, virtualNodes).Select(i => (Point: StableHash.Of($"{silo}#{i}"), Silo: silo)))
            .OrderBy(p => p.Point)
            .ThenBy(p => p.Silo.ToString(), StringComparer.Ordinal) // a hash collision resolves the same way everywhere
            .ToArray();
        _points = points.Select(p => p.Point).ToArray();
        _owners = points.Select(p => p.Silo).ToArray();
    }

    /// <summary>The silos on the ring, in a stable order.</summary>
    public IReadOnlyList<SiloAddress> Silos { get; }

    /// <summary>The silo that owns <paramref name="hash"/>: the first point at or after it, wrapping; null on an empty ring.</summary>
    public SiloAddress? OwnerOf(uint hash)
    {
        var points = _points;
        if (points.Length == 0)
            return null;

        // The first point at or after the hash (a plain search: every grain call asks, on caller and silo).
        var low = 0;
        var high = points.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (points[middle] < hash)
                low = middle + 1;
            else
                high = middle;
        }

        return _owners[low == points.Length ? 0 : low];
    }

    /// <summary>The silo that owns <paramref name="grainId"/>.</summary>
    public SiloAddress? OwnerOf(GrainId grainId) => OwnerOf(grainId.UniformHash);

    /// <summary>The ranges <paramref name="silo"/> owns (empty if it is not on the ring; the full ring if it is alone).
    /// Neighbouring points of the same silo make one range, so a reader of the ranges (the reminder service) asks the
    /// table as few times as the ring allows.</summary>
    public IReadOnlyList<RingRange> RangesOf(SiloAddress silo)
    {
        if (Silos.Count == 1 && Silos[0] == silo)
            return [RingRange.Full];
        var ranges = new List<RingRange>();
        for (var i = 0; i < _points.Length; i++)
        {
            if (_owners[i] != silo)
                continue;
            var previous = _points[i == 0 ? _points.Length - 1 : i - 1];
            if (previous == _points[i])
                continue;
            if (ranges.Count > 0 && ranges[^1].End == previous)
                ranges[^1] = ranges[^1] with { End = _points[i] };
            else
                ranges.Add(new RingRange(previous, _points[i]));
        }

        // The last range may run on into the first one across the wrap.
        if (ranges.Count > 1 && ranges[^1].End == ranges[0].Begin)
        {
            ranges[0] = ranges[0] with { Begin = ranges[^1].Begin };
            ranges.RemoveAt(ranges.Count - 1);
        }

        return ranges;
    }
}
