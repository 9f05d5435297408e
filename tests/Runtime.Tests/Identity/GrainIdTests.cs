using Actors.Runtime.Placement;

namespace Actors.Runtime.Tests.Identity;

public sealed class GrainIdTests
{
    [Fact]
    public void UniformHash_IsStableAcrossProcesses()
    {
        // Pinned values: changing the hash function moves every grain and reminder on the ring.
        Assert.Equal(2232085190u, StableHash.Of("course"));
        Assert.Equal(2876824720u, new GrainId(new GrainType("course"), "course-v1:edX+DemoX+Demo_Course").UniformHash);
    }

    [Fact]
    public void KeysThatLookLikeNumbersOrHex_StayDistinct()
    {
        var type = new GrainType("student");

        Assert.NotEqual(new GrainId(type, "020235"), new GrainId(type, "20235"));
        Assert.NotEqual(new GrainId(type, "0x1F"), new GrainId(type, "31"));
        Assert.NotEqual(new GrainId(new GrainType("a"), "k"), new GrainId(new GrainType("b"), "k"));
        Assert.Equal(new GrainId(type, "Alice"), new GrainId(new GrainType("student"), "Alice"));
        Assert.NotEqual(new GrainId(type, "Alice"), new GrainId(type, "alice"));
    }

    [Theory]
    [InlineData(100u, 200u, 150u, true)]
    [InlineData(100u, 200u, 100u, false)] // begin is exclusive
    [InlineData(100u, 200u, 200u, true)]  // end is inclusive
    [InlineData(4_000_000_000u, 10u, 5u, true)]  // wrapping range
    [InlineData(4_000_000_000u, 10u, 4_100_000_000u, true)]
    [InlineData(4_000_000_000u, 10u, 11u, false)]
    [InlineData(7u, 7u, 123u, true)]      // begin = end: the whole ring
    public void RingRange_ContainsHashesInBeginExclusiveEndInclusive(uint begin, uint end, uint hash, bool contains) =>
        Assert.Equal(contains, new RingRange(begin, end).Contains(hash));
}
