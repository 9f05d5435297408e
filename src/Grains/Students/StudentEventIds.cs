namespace Actors.Grains.Students;

/// <summary>Log event ids of the learner grains. The grains assembly logs in the 6000s (after the runtime's 100–5999);
/// the learner grains take 6100–6199.</summary>
internal static class StudentEventIds
{
    public const int WriteFailed = 6100;
    public const int CrawlerWriteSkipped = 6101;
    public const int StateFlushFailed = 6102;
    public const int StateFlushed = 6103;
    public const int StateCommitted = 6104;
    public const int StateCommitFailed = 6105;
    public const int CrawlersRefreshFailed = 6110;
    public const int CrawlersChangeNotSent = 6111;
}
