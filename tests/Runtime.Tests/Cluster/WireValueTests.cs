using Actors.Runtime.Tests.Grains;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Arguments and results of calls from the cluster client, which hosts no grains: every call crosses TCP.</summary>
public sealed class WireValueTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    private IWireGrain Grain => fixture.Cluster.Client.GetGrain<IWireGrain>(Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Record_WithNestedRecordCollectionsAndNullables_ComesBackEqualInEveryField()
    {
        var previous = new Enrollment("course-v1:Org+Old+2023", Guid.NewGuid(), long.MinValue, TimeSpan.Zero,
            DateTimeOffset.UnixEpoch, [], new Dictionary<string, int>(), null, null);
        var sent = new Enrollment("course-v1:Org+Über+2024", Guid.NewGuid(), long.MaxValue, TimeSpan.FromTicks(123_456_789_012),
            new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(-4)), ["audit", "", "verified"],
            new Dictionary<string, int> { ["quiz"] = 7, ["exam"] = -1 }, 93, previous);

        var received = await Grain.Echo(sent);

        Assert.Equal(sent.CourseKey, received.CourseKey);
        Assert.Equal(sent.UserId, received.UserId);
        Assert.Equal(sent.Sequence, received.Sequence);
        Assert.Equal(sent.Duration, received.Duration);
        Assert.Equal(sent.EnrolledAt, received.EnrolledAt);
        Assert.Equal(sent.EnrolledAt.Offset, received.EnrolledAt.Offset);
        Assert.Equal(sent.Tags, received.Tags);
        Assert.Equal(sent.Scores, received.Scores);
        Assert.Equal(sent.Grade, received.Grade);
        Assert.Equal(previous.UserId, received.Previous!.UserId);
        Assert.Null(received.Previous.Grade);
        Assert.Null(received.Previous.Previous);
    }

    [Fact]
    public async Task Nullables_KeepNullAndValue()
    {
        var grain = Grain;

        Assert.Null(await grain.EchoNullable(null));
        Assert.Equal(-5, await grain.EchoNullable(-5));
        Assert.Null(await grain.EchoNullableText(null));
        Assert.Equal("", await grain.EchoNullableText(""));
    }

    [Fact]
    public async Task LongText_SpanningManyReadBuffers_ComesBackWhole()
    {
        var text = string.Concat(Enumerable.Range(0, 40_000).Select(i => i % 7 == 0 ? "Ü€𝄞" : "abc"));

        Assert.Equal(text, await Grain.EchoNullableText(text));
    }

    [Fact]
    public async Task TimeSpansGuidsAndLongs_ArriveExact()
    {
        var grain = Grain;
        var ids = new[] { Guid.NewGuid(), Guid.Empty, Guid.NewGuid() };

        Assert.Equal(TimeSpan.FromTicks(1) + TimeSpan.FromDays(3), await grain.AddDurations(TimeSpan.FromTicks(1), TimeSpan.FromDays(3)));
        Assert.Equal(ids.Reverse(), await grain.Reverse(ids));
        Assert.Equal(long.MaxValue, await grain.Sum([long.MaxValue - 2, 1, 1]));
        Assert.Equal(0, await grain.Sum([]));
    }

    [Fact]
    public async Task ValueTuples_CrossWithTheirItems()
    {
        Assert.Equal(("seven", 7), await Grain.Swap((7, "seven")));
    }

    [Fact]
    public async Task CollectionsOfRecords_RoundTrip_AndVoidCallsComplete()
    {
        var grain = Grain;
        var a = new Enrollment("a", Guid.NewGuid(), 1, TimeSpan.FromSeconds(1), DateTimeOffset.UnixEpoch, ["x"], new() { ["q"] = 1 }, null, null);
        var b = a with { CourseKey = "b", Grade = 4 };

        var index = await grain.Index([a, b]);
        await grain.DoNothing();

        Assert.Equal(["a", "b"], index.Keys.Order());
        Assert.Equal(4, index["b"].Grade);
        Assert.Equal(a.UserId, index["a"].UserId);
    }

    [Fact]
    public async Task GuidAndIntegerKeys_ReachTheGrainUnchanged()
    {
        var client = fixture.Cluster.Client;
        var guid = Guid.NewGuid();

        Assert.Equal(guid, await client.GetGrain<IGuidKeyGrain>(guid).GetKey());
        Assert.Equal(long.MaxValue, await client.GetGrain<IIntegerKeyGrain>(long.MaxValue).GetKey());
        Assert.Equal(long.MinValue, await client.GetGrain<IIntegerKeyGrain>(long.MinValue).GetKey());
        Assert.Equal(-1L, await client.GetGrain<IIntegerKeyGrain>(-1L).GetKey());
    }
}
