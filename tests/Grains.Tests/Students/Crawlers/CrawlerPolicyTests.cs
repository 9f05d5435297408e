using Actors.Grains.Students;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Tests.Students.Crawlers;

/// <summary>The learner grains check User-Agents against their silo's copy of the crawler configuration
/// (<see cref="CrawlerPolicy"/>), not by calling the one <see cref="ICrawlersConfigGrain"/>; a change through the grain
/// reaches every silo's copy before <see cref="ICrawlersConfigGrain.SetAsync"/> answers. Two silos whose copies do not
/// refresh during a test.</summary>
public sealed class CrawlerPolicyTests(SlowRefreshCrawlerCluster cluster) : IClassFixture<SlowRefreshCrawlerCluster>
{
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0";

    private ICrawlersConfigGrain Config => cluster.Grains.GetGrain<ICrawlersConfigGrain>(CrawlersConfig.DefaultSite);

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task ManyWritesWithAUserAgent_ReadTheCrawlersGrainAtMostOncePerSilo()
    {
        await Config.SetAsync(true, ["edX-downloader"], "staff");
        var readsBefore = cluster.Probe.Reads(CrawlersConfig.DefaultSite);
        var learners = Enumerable.Range(0, 16).Select(_ => cluster.Grains.GetGrain<IStudentModuleGrain>(NewName("learner"))).ToList();

        await Task.WhenAll(learners.SelectMany(learner => Enumerable.Range(0, 8).Select(i =>
            learner.SetStateAsync(Seq, $$"""{"position": {{i + 1}}}""", i % 2 == 0 ? "edX-downloader/1.0" : Browser))));

        Assert.InRange(cluster.Probe.Reads(CrawlersConfig.DefaultSite) - readsBefore, 0, cluster.Policies.Count);
        foreach (var learner in learners)
            Assert.Equal(4, (await learner.GetWriteStatisticsAsync()).SkippedCrawlerWrites);
    }

    [Fact]
    public async Task ConcurrentFirstReadersOfASite_ShareOneCallToTheGrain()
    {
        var site = NewName("site");
        await cluster.Grains.GetGrain<ICrawlersConfigGrain>(site).SetAsync(true, ["crawler_foo"], "staff");
        var policy = cluster.Policies[0];

        var configs = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => policy.GetAsync(site).AsTask())));

        Assert.All(configs, c => Assert.Equal(["crawler_foo"], c.KnownUserAgents));
        Assert.Equal(1, cluster.Probe.Reads(site));
    }

    [Fact]
    public async Task AChangeThroughTheGrain_AppliesToTheVeryNextWrite_OnEverySilo()
    {
        var agent = NewName("bot");
        await Config.SetAsync(false, [agent], "staff");
        foreach (var policy in cluster.Policies)
            Assert.False((await policy.GetAsync(CrawlersConfig.DefaultSite)).IsCrawler(agent));
        var learners = Enumerable.Range(0, 8).Select(_ => cluster.Grains.GetGrain<IStudentModuleGrain>(NewName("learner"))).ToList();
        foreach (var learner in learners)
            await learner.SetStateAsync(Seq, """{"position": 1}""", agent);

        await Config.SetAsync(true, [agent], "staff");
        foreach (var learner in learners)
            await learner.SetStateAsync(Seq, """{"position": 2}""", agent);

        foreach (var policy in cluster.Policies)
            Assert.True((await policy.GetAsync(CrawlersConfig.DefaultSite)).IsCrawler(agent));
        foreach (var learner in learners)
        {
            Assert.Equal("""{"position":1}""", (await learner.GetStateAsync(Seq))!.State);
            Assert.Equal(1, (await learner.GetWriteStatisticsAsync()).SkippedCrawlerWrites);
        }
    }
}

/// <summary>A silo's copy catches up with the grain by refreshing (every 300 ms here) when a change notice missed it,
/// and keeps its last copy while refreshing fails. Two silos.</summary>
public sealed class CrawlerPolicyRefreshTests(FastRefreshCrawlerCluster cluster) : IClassFixture<FastRefreshCrawlerCluster>
{
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // The log event ids documented in docs/learner-state.md.
    private const int RefreshFailedEvent = 6110;
    private const int ChangeNotSentEvent = 6111;

    private ICrawlersConfigGrain Config => cluster.Grains.GetGrain<ICrawlersConfigGrain>(CrawlersConfig.DefaultSite);

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task AChangeTheSilosWereNotToldOf_IsStoredAndLogged_AndReachesEverySiloByItsRefresh()
    {
        var agent = NewName("bot");
        await Config.SetAsync(false, [agent], "staff");
        foreach (var policy in cluster.Policies)
            await policy.GetAsync(CrawlersConfig.DefaultSite);

        cluster.Probe.DropChangeNotices = true;
        try
        {
            await Config.SetAsync(true, [agent], "staff");
        }
        finally
        {
            cluster.Probe.DropChangeNotices = false;
        }

        Assert.Contains(cluster.Logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == ChangeNotSentEvent);
        Assert.True((await Config.GetAsync()).IsCrawler(agent));
        await EventuallyAsync(async () =>
        {
            foreach (var policy in cluster.Policies)
                if (!(await policy.GetAsync(CrawlersConfig.DefaultSite)).IsCrawler(agent))
                    return false;
            return true;
        });
        var learner = cluster.Grains.GetGrain<IStudentModuleGrain>(NewName("learner"));
        await learner.SetStateAsync(Seq, """{"position": 3}""", agent);
        Assert.Null(await learner.GetStateAsync(Seq));
    }

    [Fact]
    public async Task AFailingRefresh_KeepsTheLastCopy_AndIsLogged()
    {
        var agent = NewName("bot");
        await Config.SetAsync(true, [agent], "staff");
        foreach (var policy in cluster.Policies)
            Assert.True((await policy.GetAsync(CrawlersConfig.DefaultSite)).IsCrawler(agent));

        cluster.Probe.FailReads = true;
        try
        {
            var failedBefore = cluster.Probe.FailedReads;
            await EventuallyAsync(() => Task.FromResult(cluster.Probe.FailedReads >= failedBefore + 2 * cluster.Policies.Count));

            foreach (var policy in cluster.Policies)
                Assert.True((await policy.GetAsync(CrawlersConfig.DefaultSite)).IsCrawler(agent));
            var learner = cluster.Grains.GetGrain<IStudentModuleGrain>(NewName("learner"));
            await learner.SetStateAsync(Seq, """{"position": 4}""", agent);
            Assert.Null(await learner.GetStateAsync(Seq));
            Assert.Equal(1, (await learner.GetWriteStatisticsAsync()).SkippedCrawlerWrites);
            Assert.Contains(cluster.Logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == RefreshFailedEvent
                && e.Message.Contains("unavailable (test)", StringComparison.Ordinal));
        }
        finally
        {
            cluster.Probe.FailReads = false;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <see cref="Patience"/>.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {Patience}.");
            await Task.Delay(50);
        }
    }
}
