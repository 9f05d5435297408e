using Actors.Grains.Students;

namespace Actors.Grains.Tests.Students.State;

/// <summary>Writes from a crawler's User-Agent (CrawlersConfig) are no-ops that still succeed, on every write method of
/// <see cref="IStudentModuleGrain"/>, and are counted; reads still work.</summary>
public sealed class CrawlerWriteTests
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private const string P1 = "block-v1:Org+Course+Run+type@problem+block@p1";
    private const string Crawler = "edX-downloader/1.2 (+https://example.org)";
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0";

    private static async Task<(TestSilo Silo, IStudentModuleGrain Grain)> StartAsync(bool enabled = true)
    {
        var silo = await TestSilo.StartAsync();
        await silo.Grains.GetGrain<ICrawlersConfigGrain>(CrawlersConfig.DefaultSite).SetAsync(enabled, ["edX-downloader", "crawler_foo"], "staff");
        return (silo, silo.Grains.GetGrain<IStudentModuleGrain>("alice"));
    }

    [Fact]
    public async Task CrawlerWrites_OnEveryWriteMethod_SucceedWithoutChangingAnything_AndAreCounted()
    {
        var (silo, grain) = await StartAsync();
        await using var _ = silo;
        await grain.EnrollAsync(Course, "audit", isActive: true, userAgent: Browser);
        await grain.SetStateAsync(Seq, """{"position": 1}""", Browser);
        await grain.SetStateAsync(P1, """{"attempts": 1}""", Browser);

        await grain.SetStateAsync(Seq, """{"position": 9}""", Crawler);
        await grain.SetStatesAsync(new Dictionary<string, string> { [Seq] = """{"position": 8}""", [P1] = """{"attempts": 7}""" }, Crawler);
        await grain.DeleteStateAsync(P1, userAgent: Crawler);
        await grain.DeleteStateAsync(Seq, ["position"], Crawler);
        var completion = await grain.PublishCompletionAsync(Course, P1, "problem", 1.0, Crawler);
        var enrollment = await grain.EnrollAsync(Course, "verified", isActive: false, userAgent: "crawler_foo");

        Assert.Empty(completion.Blocks);
        Assert.Equal(("verified", false), (enrollment.Mode, enrollment.IsActive));
        Assert.Equal("""{"position":1}""", (await grain.GetStateAsync(Seq))!.State);
        Assert.Equal("""{"attempts":1}""", (await grain.GetStateAsync(P1))!.State);
        Assert.Single((await grain.GetStateHistoryAsync(P1))!);
        Assert.Empty((await grain.GetCompletionAsync(Course)).Blocks);
        Assert.Equal(("audit", true), ((await grain.GetEnrollmentAsync(Course))!.Mode, (await grain.GetEnrollmentAsync(Course))!.IsActive));
        var stats = await grain.GetWriteStatisticsAsync();
        Assert.Equal((6L, 2L), (stats.SkippedCrawlerWrites, stats.Writes));
    }

    [Fact]
    public async Task CrawlerWrites_WhileDetectionIsDisabled_AreWritten()
    {
        var (silo, grain) = await StartAsync(enabled: false);
        await using var _ = silo;

        await grain.SetStateAsync(Seq, """{"position": 2}""", Crawler);

        Assert.Equal("""{"position":2}""", (await grain.GetStateAsync(Seq))!.State);
        Assert.Equal(0, (await grain.GetWriteStatisticsAsync()).SkippedCrawlerWrites);
    }

    [Fact]
    public async Task Writes_WithoutUserAgent_AreWritten()
    {
        var (silo, grain) = await StartAsync();
        await using var _ = silo;

        await grain.SetStateAsync(Seq, """{"position": 3}""");

        Assert.Equal("""{"position":3}""", (await grain.GetStateAsync(Seq))!.State);
    }
}
