using Actors.Grains.Students;

namespace Actors.Grains.Tests.Students;

public sealed class CrawlersConfigTests
{
    private static CrawlersConfig Enabled(string userAgents) => new(true, CrawlersConfig.ParseUserAgents(userAgents), "staff", null);

    [Theory]
    [InlineData("edX-downloader")]
    [InlineData("edX-downloader/0.1")]
    [InlineData("crawler_foo")]
    public void KnownUserAgentPrefix_IsACrawler(string userAgent) =>
        Assert.True(Enabled("edX-downloader,crawler_foo").IsCrawler(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/83.0.4103.106 Mobile Safari/537.36 edX/org.edx.mobile/2.22.1")]
    [InlineData("Le Héros des Deux Mondes")]
    [InlineData("EDX-DOWNLOADER")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherUserAgents_AreNotCrawlers(string? userAgent) =>
        Assert.False(Enabled("edX-downloader,crawler_foo").IsCrawler(userAgent));

    [Fact]
    public void TrailingCommaOrEmptyList_DoesNotMatchEveryone()
    {
        Assert.False(Enabled("edX-downloader,").IsCrawler("Mozilla/5.0"));
        Assert.False(Enabled("").IsCrawler("Mozilla/5.0"));
    }

    [Fact]
    public void EntriesAreTrimmed() => Assert.True(Enabled("a, crawler_bar").IsCrawler("crawler_bar/2"));

    [Fact]
    public void Disabled_MatchesNobody() => Assert.False(CrawlersConfig.Default.IsCrawler("edX-downloader"));

    [Fact]
    public async Task Grain_StoresTheConfiguration_AndServesItAfterDeactivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICrawlersConfigGrain>("site-" + Guid.NewGuid().ToString("N"));
        Assert.Equivalent(CrawlersConfig.Default, await grain.GetAsync(), strict: true);

        var stored = await grain.SetAsync(true, ["edX-downloader", "crawler_foo"], "staff");
        await silo.CollectAsync();
        var read = await grain.GetAsync();

        Assert.True(read.Enabled);
        Assert.Equal(["edX-downloader", "crawler_foo"], read.KnownUserAgents);
        Assert.Equal("staff", read.ChangedBy);
        Assert.Equal(stored.ChangeDate, read.ChangeDate);
    }
}
