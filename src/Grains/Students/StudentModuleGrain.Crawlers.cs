using Microsoft.Extensions.Logging;

namespace Actors.Grains.Students;

/// <summary>Crawler writes: Open edX makes a crawler's courseware writes no-ops (<c>FieldDataCache(read_only=True)</c>);
/// here every write method takes the request's User-Agent and, only when one was given, checks it against this silo's
/// copy of the site's configuration (<see cref="CrawlerPolicy"/>, kept in step with <see cref="ICrawlersConfigGrain"/>),
/// so writes make no call to that one grain.</summary>
internal sealed partial class StudentModuleGrain
{
    private long _skippedCrawlerWrites;

    /// <summary>Whether a write from <paramref name="userAgent"/> is a crawler's; if so it is counted and logged.</summary>
    private async Task<bool> IsCrawlerAsync(string? userAgent, string what)
    {
        if (string.IsNullOrEmpty(userAgent))
            return false;
        var config = await crawlers.GetAsync(CrawlersConfig.DefaultSite);
        if (!config.IsCrawler(userAgent))
            return false;
        _skippedCrawlerWrites++;
        LogCrawlerWriteSkipped(Username, what, userAgent);
        return true;
    }

    [LoggerMessage(StudentEventIds.CrawlerWriteSkipped, LogLevel.Debug,
        "Learner {Username}: the {What} write from crawler '{UserAgent}' was answered without writing")]
    private partial void LogCrawlerWriteSkipped(string username, string what, string userAgent);
}
