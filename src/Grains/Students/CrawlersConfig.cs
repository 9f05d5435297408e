namespace Actors.Grains.Students;

/// <summary>
/// Which requests come from crawlers (Open edX's <c>CrawlersConfig</c>): while <see cref="Enabled"/>, a request whose
/// User-Agent starts with one of <see cref="KnownUserAgents"/> (case-sensitive) is a crawler, and its courseware state
/// writes are no-ops. Unlike Open edX, entries are trimmed and empty ones ignored, so <c>"a, b"</c> matches <c>b</c> and a
/// trailing comma does not turn every visitor into a crawler.
/// </summary>
/// <param name="Enabled">Whether crawler detection is on.</param>
/// <param name="KnownUserAgents">User-Agent prefixes, already trimmed and without empty entries.</param>
/// <param name="ChangedBy">Who made the last change.</param>
/// <param name="ChangeDate">When.</param>
[GenerateSerializer, Immutable, Alias("actors.CrawlersConfig")]
public sealed record CrawlersConfig(bool Enabled, IReadOnlyList<string> KnownUserAgents, string? ChangedBy, DateTimeOffset? ChangeDate)
{
    /// <summary>The key of the <see cref="ICrawlersConfigGrain"/> of a single site.</summary>
    public const string DefaultSite = "default";

    /// <summary>Open edX's default list.</summary>
    public const string DefaultUserAgents = "edX-downloader";

    /// <summary>What holds before anyone configures anything (Open edX: no row, so disabled).</summary>
    public static CrawlersConfig Default { get; } = new(false, ParseUserAgents(DefaultUserAgents), null, null);

    /// <summary>Whether a request with <paramref name="userAgent"/> is a crawler.</summary>
    public bool IsCrawler(string? userAgent) =>
        Enabled && !string.IsNullOrEmpty(userAgent) && KnownUserAgents.Any(prefix => userAgent.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Splits Open edX's comma-separated list, trimming entries and dropping empty ones.</summary>
    public static IReadOnlyList<string> ParseUserAgents(string commaSeparated) =>
        commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
