namespace Actors.Grains.Students;

/// <summary>The argument of <see cref="CrawlerPolicy.ApplyCommand"/>: a site's crawler configuration as just stored by
/// its <see cref="ICrawlersConfigGrain"/>.</summary>
/// <param name="Site">The key of the <see cref="ICrawlersConfigGrain"/>.</param>
/// <param name="Config">The configuration it stored.</param>
[GenerateSerializer, Immutable, Alias("actors.CrawlersConfigChange")]
public sealed record CrawlersConfigChange(string Site, CrawlersConfig Config);
