using System.Diagnostics;
using Actors.Grains.Courses;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Courses;

/// <summary>The course grain's versioned, single-flight, coalesced rebuilds, on a real in-process silo.</summary>
public sealed class CourseGrainTests
{
    private static string NewCourseKey() => $"course-v1:Org+C{Guid.NewGuid():N}+2026";

    private static async Task<CourseRebuildStatus> WaitForStructureAsync(ICourseGrain course, long version)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await course.GetRebuildStatusAsync();
            if (status.StructureVersion >= version && !status.Rebuilding)
                return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Structure version {version} was not collected: {status}");
            await Task.Delay(10);
        }
    }

    /// <summary>A course published and collected, then deactivated: the next call activates it cold.</summary>
    private static async Task<ICourseGrain> ColdCourseAsync(TestSilo silo)
    {
        var key = NewCourseKey();
        var course = silo.Grains.GetGrain<ICourseGrain>(key);
        await course.PublishAsync(TestCourses.Build(key));
        await WaitForStructureAsync(course, 1);
        await silo.CollectAsync();
        return course;
    }

    [Fact]
    public async Task ThousandConcurrentReaders_OnAColdCourse_CauseExactlyOneCollect()
    {
        await using var silo = await TestSilo.StartAsync();
        var course = await ColdCourseAsync(silo);

        var structures = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => course.GetStructureAsync())));

        Assert.All(structures, s => Assert.Equal(1, s.Version));
        Assert.Single(structures.Select(s => (s.Version, s.Blocks.Count)).Distinct());
        Assert.Equal(1, (await course.GetRebuildStatusAsync()).Rebuilds);
    }

    [Fact]
    public async Task AnActivationForItsOverview_CollectsNothing_UntilTheFirstStructureRead()
    {
        await using var silo = await TestSilo.StartAsync();
        var course = await ColdCourseAsync(silo);

        Assert.NotNull(await course.GetOverviewAsync()); // activates it; a collect started on activation would show as Rebuilding
        var beforeRead = await course.GetRebuildStatusAsync();
        var structure = await course.GetStructureAsync();

        Assert.Equal((0, 0L, false), (beforeRead.Rebuilds, beforeRead.StructureVersion, beforeRead.Rebuilding));
        Assert.Equal(1, structure.Version);
        Assert.Equal(1, (await course.GetRebuildStatusAsync()).Rebuilds);
    }

    [Fact]
    public async Task PublishOfAWarmCourse_UnderReaders_OneCollect_AndNoReaderSeesTheOldVersionAfterAnyoneSawTheNew()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewCourseKey();
        var course = silo.Grains.GetGrain<ICourseGrain>(key);
        await course.PublishAsync(TestCourses.Build(key, chapters: 10, sequentials: 5, verticals: 5));
        var before = await WaitForStructureAsync(course, 1);
        var clock = Stopwatch.StartNew();
        var reads = new System.Collections.Concurrent.ConcurrentBag<(long Start, long End, long Version)>();
        var publish = Task.Run(async () =>
        {
            await Task.Delay(5);
            await course.PublishAsync(TestCourses.Build(key, chapters: 10, sequentials: 5, verticals: 5, title: "Renamed"));
        });

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            var start = clock.ElapsedTicks;
            var structure = await course.GetStructureAsync();
            reads.Add((start, clock.ElapsedTicks, structure.Version));
        })).Append(publish));
        var after = await WaitForStructureAsync(course, 2);

        Assert.Equal(before.Rebuilds + 1, after.Rebuilds);
        Assert.All(reads, r => Assert.InRange(r.Version, 1, 2));
        var firstNewSeen = reads.Where(r => r.Version == 2).Select(r => r.End).DefaultIfEmpty(long.MaxValue).Min();
        Assert.DoesNotContain(reads, r => r.Version == 1 && r.Start > firstNewSeen);
        Assert.Equal("Renamed", (await course.GetStructureAsync()).Root.DisplayName);
    }

    [Fact]
    public async Task FiftyPublishesInQuickSuccession_CollectAtMostTwiceMore_AndEndOnTheLastVersion()
    {
        // A settle time (and cap) long enough that a loaded machine's gaps between the publishes of the burst do not split
        // it (25 ms did on a loaded CI machine, 500 ms with a busy neighbour process: three collects); the coalescing
        // under test is the same.
        await using var silo = await TestSilo.StartAsync(services: services => services.Configure<CourseOptions>(options =>
        {
            options.RebuildSettleTime = TimeSpan.FromSeconds(3);
            options.MaxRebuildSettleTime = TimeSpan.FromSeconds(30);
        }));
        var key = NewCourseKey();
        var course = silo.Grains.GetGrain<ICourseGrain>(key);
        var content = TestCourses.Build(key, chapters: 10, sequentials: 5, verticals: 4);
        await course.PublishAsync(content);
        var before = await WaitForStructureAsync(course, 1);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => course.PublishAsync(content)));
        var status = await WaitForStructureAsync(course, 51);

        Assert.Equal(51, status.PublishedVersion);
        Assert.Equal(51, (await course.GetStructureAsync()).Version);
        Assert.InRange(status.Rebuilds - before.Rebuilds, 1, 2);
    }

    [Fact]
    public async Task FailingCollect_KeepsServingThePreviousVersion_AndReportsTheError()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewCourseKey();
        var course = silo.Grains.GetGrain<ICourseGrain>(key);
        await course.PublishAsync(TestCourses.Build(key));
        await WaitForStructureAsync(course, 1);

        await course.PublishAsync(TestCourses.Build(key, customize: b => b.Type == "problem" ? b with { Data = "<problem><broken>" } : b));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        CourseRebuildStatus status;
        while ((status = await course.GetRebuildStatusAsync()).FailedRebuilds == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(10);

        Assert.Equal(1, (await course.GetStructureAsync()).Version);
        Assert.Equal(2, status.PublishedVersion);
        Assert.Equal(1, status.VersionLag);
        Assert.Contains("XmlException", status.LastError);

        await course.PublishAsync(TestCourses.Build(key, title: "Fixed"));
        await WaitForStructureAsync(course, 3);
        Assert.Equal("Fixed", (await course.GetStructureAsync()).Root.DisplayName);
    }

    [Fact]
    public async Task InvalidContent_IsRejected_AndNothingIsStored()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewCourseKey();
        var course = silo.Grains.GetGrain<ICourseGrain>(key);

        var error = await Assert.ThrowsAsync<CourseContentException>(() => course.PublishAsync(TestCourses.Build("course-v1:Other+Course+Run")));

        Assert.NotEmpty(error.Problems);
        Assert.Null(await course.GetOverviewAsync());
        await Assert.ThrowsAsync<CourseNotFoundException>(() => course.GetStructureAsync());
    }

    [Fact]
    public async Task Publish_UpdatesTheOverviewInPlace_AndDeleteRemovesEverything()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewCourseKey();
        var course = silo.Grains.GetGrain<ICourseGrain>(key);
        await course.PublishAsync(TestCourses.Build(key, title: "First"));
        await course.PublishAsync(TestCourses.Build(key, title: "Second"));

        var overview = await course.GetOverviewAsync();
        Assert.Equal("Second", overview!.DisplayName);
        Assert.Equal(2, overview.PublishedVersion);
        Assert.Equal("Org", overview.Org);
        Assert.Equal("en", overview.Language);

        Assert.True(await course.DeleteAsync());
        Assert.Null(await course.GetOverviewAsync());
        await Assert.ThrowsAsync<CourseNotFoundException>(() => course.GetStructureAsync());
        Assert.False(await course.DeleteAsync());
    }

    [Fact]
    public void OverviewFromPublish_KeepsTheSyncedMarketingUrl()
    {
        var existing = new CourseOverview("k", "Old", "Org", null, null, null, null, null, null, null, "https://marketing/x", "fr", false, null, null,
            "private", false, 1, DateTimeOffset.UnixEpoch);
        var root = TestCourses.Build("course-v1:Org+X+Y").Blocks.Single(b => b.Type == "course");

        var updated = CourseOverview.FromPublish("course-v1:Org+X+Y", "Org", root, 2, DateTimeOffset.UnixEpoch, existing);

        Assert.Equal("https://marketing/x", updated.MarketingUrl);
        Assert.False(updated.EligibleForFinancialAid);
        Assert.Equal("Test Course", updated.DisplayName);
    }
}
