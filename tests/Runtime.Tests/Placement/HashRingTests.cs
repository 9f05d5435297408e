using Actors.Runtime.Membership;
using Actors.Runtime.Placement;

namespace Actors.Runtime.Tests.Placement;

public sealed class HashRingTests
{
    private static SiloAddress Silo(int port) => new("10.0.0.1", port, 1);

    private static uint[] Hashes(int count) =>
        Enumerable.Range(0, count).Select(i => new GrainId(new GrainType("student"), $"user{i}").UniformHash).ToArray();

    [Fact]
    public void EmptyRing_OwnsNothing_AndALoneSiloOwnsEverything()
    {
        Assert.Null(new HashRing([]).OwnerOf(12345u));
        var alone = new HashRing([Silo(1)]);
        Assert.All(Hashes(100), h => Assert.Equal(Silo(1), alone.OwnerOf(h)));
        Assert.Equal([RingRange.Full], alone.RangesOf(Silo(1)));
    }

    [Fact]
    public void Owner_IsTheSameWhateverOrderTheSilosCameIn()
    {
        var a = new HashRing([Silo(1), Silo(2), Silo(3)]);
        var b = new HashRing([Silo(3), Silo(1), Silo(2), Silo(1)]);

        Assert.All(Hashes(1000), h => Assert.Equal(a.OwnerOf(h), b.OwnerOf(h)));
    }

    [Fact]
    public void ThreeSilos_ShareTheGrainsWithinAFewPercentOfAThird()
    {
        var ring = new HashRing([Silo(1), Silo(2), Silo(3)]);

        var shares = Hashes(30_000).GroupBy(h => ring.OwnerOf(h)).Select(g => g.Count() / 30_000.0).ToList();

        Assert.Equal(3, shares.Count);
        Assert.All(shares, share => Assert.InRange(share, 0.25, 0.42));
    }

    [Fact]
    public void AddingASilo_MovesOnlyGrainsToIt()
    {
        var before = new HashRing([Silo(1), Silo(2), Silo(3)]);
        var after = new HashRing([Silo(1), Silo(2), Silo(3), Silo(4)]);

        var moved = Hashes(20_000).Where(h => before.OwnerOf(h) != after.OwnerOf(h)).ToList();

        Assert.All(moved, h => Assert.Equal(Silo(4), after.OwnerOf(h)));
        Assert.InRange(moved.Count / 20_000.0, 0.15, 0.35);
    }

    [Fact]
    public void OwnerOf_EveryPointAndTheHashRightAfterThePointBefore_IsThePointsSilo()
    {
        var silos = new[] { Silo(1), Silo(2), Silo(3) };
        var ring = new HashRing(silos);

        foreach (var silo in silos)
        {
            foreach (var range in ring.RangesOf(silo))
            {
                Assert.Equal(silo, ring.OwnerOf(range.End));
                Assert.Equal(silo, ring.OwnerOf(unchecked(range.Begin + 1)));
            }
        }
    }

    [Fact]
    public void RangesOfEverySilo_CoverEachHashExactlyOnce_AndAgreeWithOwnerOf()
    {
        var silos = new[] { Silo(1), Silo(2), Silo(3) };
        var ring = new HashRing(silos);
        var ranges = silos.ToDictionary(s => s, s => ring.RangesOf(s));

        foreach (var hash in Hashes(5_000).Concat([0u, uint.MaxValue]))
        {
            var holders = silos.Where(s => ranges[s].Any(r => r.Contains(hash))).ToList();
            Assert.Equal(ring.OwnerOf(hash), Assert.Single(holders));
        }
    }

    [Fact]
    public void RangesOfASilo_AreNeverAdjacent_NeighbouringPointsMakeOneRange()
    {
        var silos = new[] { Silo(1), Silo(2), Silo(3) };
        var ring = new HashRing(silos);

        foreach (var silo in silos)
        {
            var ranges = ring.RangesOf(silo);
            Assert.InRange(ranges.Count, 1, HashRing.DefaultVirtualNodes - 1);
            Assert.DoesNotContain(ranges, r => ranges.Any(other => other.Begin == r.End));
        }
    }
}
