using Orleans.Concurrency;

namespace Actors.Grains.Students;

/// <summary>The site's crawler configuration (key: site, <c>default</c> for a single site). Durable; read on every
/// courseware state write, so reads are served from memory.</summary>
[Alias("actors.ICrawlersConfigGrain")]
public interface ICrawlersConfigGrain : IGrainWithStringKey
{
    /// <summary>The current configuration.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<CrawlersConfig> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the configuration; returns it once it is stored durably.</summary>
    [Alias("Set")]
    Task<CrawlersConfig> SetAsync(bool enabled, IReadOnlyList<string> knownUserAgents, string changedBy, CancellationToken cancellationToken = default);
}
