using Actors.Grains.Students;
using Actors.Grains.Storage;

namespace Actors.Grains.Tests.Students;

/// <summary>Block completions and their version in <see cref="IStudentModuleGrain"/> (in-memory store).</summary>
public sealed class StudentModuleGrainCompletionTests
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string Problem1 = "block-v1:Org+Course+Run+type@problem+block@p1";
    private const string Html1 = "block-v1:Org+Course+Run+type@html+block@h1";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetCompletion_NothingPublished_IsEmptyWithVersionZero()
    {
        await using var silo = await TestSilo.StartAsync();

        var completion = await silo.Grains.GetGrain<IStudentModuleGrain>("alice").GetCompletionAsync(Course);

        Assert.Equal(Course, completion.CourseId);
        Assert.Equal(0, completion.Version);
        Assert.Empty(completion.Blocks);
    }

    [Fact]
    public async Task PublishCompletion_ThenGet_ReturnsTheBlockWithTypeValueAndTime()
    {
        await using var silo = await TestSilo.StartAsync(new ManualClock(T0));
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        var published = await grain.PublishCompletionAsync(Course, Problem1, "problem", 0.5);
        var read = await grain.GetCompletionAsync(Course);

        Assert.Equal(new BlockCompletion(Problem1, "problem", 0.5, T0), Assert.Single(read.Blocks).Value);
        Assert.Equal(T0.UtcTicks, read.Version);
        Assert.Equal(published.Version, read.Version);
        Assert.Equal(published.Blocks, read.Blocks);
    }

    [Fact]
    public async Task PublishCompletion_EachChange_ChangesTheVersion_EarlierSnapshotsStayAsTheyWere()
    {
        var clock = new ManualClock(T0);
        await using var silo = await TestSilo.StartAsync(clock);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        var first = await grain.PublishCompletionAsync(Course, Problem1, "problem", 0.5);
        clock.Now = T0.AddSeconds(1);
        var second = await grain.PublishCompletionAsync(Course, Html1, "html", 1.0);
        clock.Now = T0.AddSeconds(2);
        var third = await grain.PublishCompletionAsync(Course, Problem1, "problem", 1.0);

        Assert.True(first.Version < second.Version && second.Version < third.Version);
        Assert.Single(first.Blocks);
        Assert.Equal(0.5, second.Blocks[Problem1].Completion);
        Assert.Equal(1.0, third.Blocks[Problem1].Completion);
        Assert.Equal(2, third.Blocks.Count);
    }

    [Fact]
    public async Task PublishCompletion_SameValueAgain_WritesNothingAndKeepsTheVersion()
    {
        var clock = new ManualClock(T0);
        await using var silo = await TestSilo.StartAsync(clock);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var first = await grain.PublishCompletionAsync(Course, Problem1, "problem", 1.0);

        clock.Now = T0.AddMinutes(1);
        var again = await grain.PublishCompletionAsync(Course, Problem1, "problem", 1.0);

        Assert.Equal(first.Version, again.Version);
        Assert.Equal(T0, again.Blocks[Problem1].Modified);
    }

    [Fact]
    public async Task PublishCompletion_ClockStandsStillOrGoesBack_VersionStillIncreasesByAMicrosecond()
    {
        var clock = new ManualClock(T0);
        await using var silo = await TestSilo.StartAsync(clock);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        var first = await grain.PublishCompletionAsync(Course, Problem1, "problem", 0.25);
        var second = await grain.PublishCompletionAsync(Course, Problem1, "problem", 0.5);
        clock.Now = T0.AddHours(-1);
        var third = await grain.PublishCompletionAsync(Course, Html1, "html", 1.0);

        Assert.Equal(first.Version + TimeSpan.TicksPerMicrosecond, second.Version);
        Assert.Equal(second.Version + TimeSpan.TicksPerMicrosecond, third.Version);
        Assert.Equal(third.Version, third.Blocks[Html1].Modified.UtcTicks);
    }

    [Fact]
    public async Task PublishCompletion_SubMicrosecondClock_IsTruncatedToWholeMicroseconds()
    {
        await using var silo = await TestSilo.StartAsync(new ManualClock(T0.AddTicks(7)));

        var completion = await silo.Grains.GetGrain<IStudentModuleGrain>("alice").PublishCompletionAsync(Course, Problem1, "problem", 1.0);

        Assert.Equal(T0.UtcTicks, completion.Version);
    }

    [Fact]
    public async Task Completion_AfterDeactivation_IsReloadedWithTheSameVersion_AndTheNextWriteIncreasesIt()
    {
        var clock = new ManualClock(T0);
        await using var silo = await TestSilo.StartAsync(clock);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await grain.PublishCompletionAsync(Course, Html1, "html", 1.0);
        var before = await grain.PublishCompletionAsync(Course, Problem1, "problem", 0.5);

        Assert.True(await silo.CollectAsync() > 0);
        var after = await grain.GetCompletionAsync(Course);
        clock.Now = T0.AddDays(-1);
        var next = await grain.PublishCompletionAsync(Course, Problem1, "problem", 0.75);

        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Blocks.OrderBy(b => b.Key), after.Blocks.OrderBy(b => b.Key));
        Assert.True(next.Version > after.Version);
    }

    [Fact]
    public async Task Completion_OtherCoursesAndLearners_AreSeparate()
    {
        await using var silo = await TestSilo.StartAsync();
        var alice = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await alice.PublishCompletionAsync(Course, Problem1, "problem", 1.0);
        await alice.PublishCompletionAsync("course-v1:Org+Other+Run", "block-v1:Org+Other+Run+type@html+block@x", "html", 1.0);
        await silo.Grains.GetGrain<IStudentModuleGrain>("bob").PublishCompletionAsync(Course, Html1, "html", 1.0);

        var completion = await alice.GetCompletionAsync(Course);

        Assert.Equal([Problem1], completion.Blocks.Keys);
    }

    [Theory]
    [InlineData("", Problem1, "problem", 1.0, "courseId")]
    [InlineData(Course, "", "problem", 1.0, "usageKey")]
    [InlineData(Course, Problem1, "", 1.0, "blockType")]
    [InlineData(Course, Problem1, "problem", -0.01, "completion")]
    [InlineData(Course, Problem1, "problem", 1.01, "completion")]
    [InlineData(Course, Problem1, "problem", double.NaN, "completion")]
    [InlineData(Course, Problem1, "problem", double.PositiveInfinity, "completion")]
    public async Task PublishCompletion_InvalidArgument_ThrowsArgumentExceptionNamingIt(
        string courseId, string usageKey, string blockType, double value, string parameter)
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        var exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.PublishCompletionAsync(courseId, usageKey, blockType, value));

        Assert.Equal(parameter, exception.ParamName);
        Assert.Empty((await grain.GetCompletionAsync(Course)).Blocks);
    }

    [Fact]
    public async Task PublishCompletion_StoreWriteFails_LeavesCompletionsAndVersionAsTheyWere()
    {
        var store = new FailingStudentStore();
        var clock = new ManualClock(T0);
        await using var silo = await TestSilo.StartAsync(clock, services => services.AddStudentStore(store));
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var before = await grain.PublishCompletionAsync(Course, Problem1, "problem", 0.5);

        store.FailWrites = true;
        clock.Now = T0.AddSeconds(1);
        await Assert.ThrowsAsync<StorageException>(() => grain.PublishCompletionAsync(Course, Problem1, "problem", 1.0));
        await Assert.ThrowsAsync<StorageException>(() => grain.PublishCompletionAsync(Course, Html1, "html", 1.0));
        var after = await grain.GetCompletionAsync(Course);
        store.FailWrites = false;
        var retried = await grain.PublishCompletionAsync(Course, Problem1, "problem", 1.0);

        Assert.Equal(before.Version, after.Version);
        Assert.Equal(0.5, Assert.Single(after.Blocks).Value.Completion);
        Assert.True(retried.Version > before.Version);
    }
}
