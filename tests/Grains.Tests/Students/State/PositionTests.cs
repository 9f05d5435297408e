using Actors.Grains.Storage;
using Actors.Grains.Students;

namespace Actors.Grains.Tests.Students.State;

/// <summary>Positions on <see cref="IStudentModuleGrain"/>: the <c>position</c> field of course, chapter and sequence
/// state, written through the group commit; unchanged positions are not rewritten; a modification date older than the
/// checked block's last change makes the write a no-op; keys are taken within their course (also <c>i4x://</c> keys
/// of a deprecated course).</summary>
public sealed class PositionTests
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string Root = "block-v1:Org+Course+Run+type@course+block@course";
    private const string Chapter = "block-v1:Org+Course+Run+type@chapter+block@ch1";
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private const string Crawler = "edX-downloader/1.2";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Task<TestSilo> StartAsync(IStudentStore? store = null, ManualClock? clock = null) =>
        TestSilo.StartAsync(clock ?? new ManualClock(T0), services: s =>
        {
            if (store is not null)
                s.AddStudentStore(store);
        });

    private static Dictionary<string, int> Positions(params (string Key, int Position)[] positions) =>
        positions.ToDictionary(p => p.Key, p => p.Position);

    [Fact]
    public async Task SavePositions_StoresThePositionField_OverlaidOntoTheBlocksOtherFields_AndReadsItBack()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await grain.SetStateAsync(Seq, """{"seen": true}""");

        await grain.SavePositionsAsync(Course, Positions((Seq, 3), (Chapter, 2)));

        Assert.Equal("""{"position":3,"seen":true}""", (await grain.GetStateAsync(Seq))!.State);
        Assert.Equal("""{"position":2}""", (await grain.GetStateAsync(Chapter))!.State);
        var read = await grain.GetPositionsAsync(Course, [Seq, Chapter, Root]);
        Assert.Equal(Positions((Seq, 3), (Chapter, 2)), read);
    }

    [Fact]
    public async Task SavePositions_OfSeveralBlocks_IsOneTransaction()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        await grain.SavePositionsAsync(Course, Positions((Seq, 1), (Chapter, 1), (Root, 1)));

        var stats = await grain.GetWriteStatisticsAsync();
        Assert.Equal((1L, 1L), (stats.Writes, stats.Flushes));
    }

    [Fact]
    public async Task SavePositions_UnchangedPosition_IsNotRewritten_WhileAChangedOneInTheSameCallIs()
    {
        var clock = new ManualClock(T0);
        await using var silo = await StartAsync(clock: clock);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await grain.SavePositionsAsync(Course, Positions((Seq, 2), (Chapter, 1)));
        clock.Now = T0.AddMinutes(1);

        await grain.SavePositionsAsync(Course, Positions((Seq, 2)));
        await grain.SavePositionsAsync(Course, Positions((Seq, 2), (Chapter, 4)));

        Assert.Equal(T0, (await grain.GetStateAsync(Seq))!.Updated);
        Assert.True((await grain.GetStateAsync(Chapter))!.Updated >= T0.AddMinutes(1));
        Assert.Equal(Positions((Seq, 2), (Chapter, 4)), await grain.GetPositionsAsync(Course, [Seq, Chapter]));
        Assert.Equal(2L, (await grain.GetWriteStatisticsAsync()).Flushes);
    }

    [Fact]
    public async Task SavePositions_DecidesUnchangedAtCommit_SoAMoveBackAfterAPendingMoveIsWritten()
    {
        var store = new GatedStudentStore();
        await using var silo = await StartAsync(store);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var first = grain.SavePositionsAsync(Course, Positions((Seq, 2)));
        await store.CommitNextBatchAsync();
        await first;

        var forward = grain.SavePositionsAsync(Course, Positions((Seq, 3)));
        var held = await store.NextBatchAsync(); // durable still says 2
        var back = grain.SavePositionsAsync(Course, Positions((Seq, 2)));
        held.Commit();
        await forward;
        await store.CommitNextBatchAsync();
        await back;

        Assert.Equal(Positions((Seq, 2)), await grain.GetPositionsAsync(Course, [Seq]));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task SavePositions_WithAModificationDate_IsANoOp_OnlyWhenTheCheckedBlockChangedAfterIt(int secondsAfterStored, bool written)
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await grain.SavePositionsAsync(Course, Positions((Root, 1), (Chapter, 1)));

        await grain.SavePositionsAsync(Course, Positions((Root, 2), (Seq, 5)), new PositionCondition(Root, T0.AddSeconds(secondsAfterStored)));

        var positions = await grain.GetPositionsAsync(Course, [Root, Seq]);
        Assert.Equal(written ? Positions((Root, 2), (Seq, 5)) : Positions((Root, 1)), positions);
    }

    [Fact]
    public async Task SavePositions_WithAModificationDate_AndNoStoredRow_IsWritten()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        await grain.SavePositionsAsync(Course, Positions((Root, 1)), new PositionCondition(Root, T0.AddYears(-1)));

        Assert.Equal(Positions((Root, 1)), await grain.GetPositionsAsync(Course, [Root]));
    }

    [Fact]
    public async Task SavePositions_FromACrawler_WritesNothing_AndIsCounted()
    {
        await using var silo = await StartAsync();
        await silo.Grains.GetGrain<ICrawlersConfigGrain>(CrawlersConfig.DefaultSite).SetAsync(true, ["edX-downloader"], "staff");
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        await grain.SavePositionsAsync(Course, Positions((Seq, 4)), userAgent: Crawler);

        Assert.Empty(await grain.GetPositionsAsync(Course, [Seq]));
        Assert.Equal(1L, (await grain.GetWriteStatisticsAsync()).SkippedCrawlerWrites);
    }

    [Fact]
    public async Task SavePositions_I4xKeysOfADeprecatedCourse_AreStoredUnderThatCourse()
    {
        var store = new MemoryStudentStore();
        await using var silo = await StartAsync(store);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        await grain.SavePositionsAsync("Org/Course/Run", Positions(("i4x://Org/Course/sequential/s1", 2)));

        var row = Assert.Single(await store.LoadStudentModulesAsync("alice", "Org/Course/Run", CancellationToken.None));
        Assert.Equal(("i4x://Org/Course/sequential/s1", "sequential", """{"position":2}"""), (row.UsageKey, row.ModuleType, row.State));
        Assert.Equal(Positions(("i4x://Org/Course/sequential/s1", 2)), await grain.GetPositionsAsync("Org/Course/Run", ["i4x://Org/Course/sequential/s1"]));
    }

    [Theory]
    [InlineData("course-v1:Org+Course+Run", "block-v1:Org+Other+Run+type@sequential+block@s1", 1, "block-v1:Org+Other+Run+type@sequential+block@s1")]
    [InlineData("course-v1:Org+Course+Run", "not a key", 1, "not a key")]
    [InlineData("course-v1:Org+Course+Run", Seq, 0, "position")]
    [InlineData("course-v1:Org+Course+Run", Seq, -3, "position")]
    [InlineData("Org/Course/", "i4x://Org/Course/sequential/s1", 1, "courseKey")]
    public async Task SavePositions_BadArgument_ThrowsNamingIt_AndWritesNothing(string course, string usageKey, int position, string named)
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => grain.SavePositionsAsync(course, Positions((usageKey, position))));

        Assert.Equal(named, error.ParamName);
        Assert.Equal(0L, (await grain.GetWriteStatisticsAsync()).Writes);
    }
}
