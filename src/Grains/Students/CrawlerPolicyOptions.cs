namespace Actors.Grains.Students;

/// <summary>The per-silo copy of the crawler configuration (<see cref="CrawlerPolicy"/>). Section
/// <c>Actors:Crawlers</c>; validated at start.</summary>
public sealed class CrawlerPolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Actors:Crawlers";

    /// <summary>How old a silo's copy may grow before the silo reads the configuration again from
    /// <see cref="ICrawlersConfigGrain"/>, in the background (writes keep using the copy meanwhile). A change made through
    /// the grain reaches every reachable silo at once; this bounds how late a silo that missed it picks it up, and how
    /// long a failed refresh waits before the next try. Default 10 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="ICrawlersConfigGrain.SetAsync"/> waits for the silos to take a change before it
    /// answers anyway: the larger of <see cref="RefreshInterval"/> and 5 s (a silo not told by then catches up at its
    /// refresh).</summary>
    internal TimeSpan ChangeNoticeTimeout => RefreshInterval > TimeSpan.FromSeconds(5) ? RefreshInterval : TimeSpan.FromSeconds(5);
}
