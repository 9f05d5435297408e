using Orleans.Concurrency;

namespace Actors.Grains.Students;

/// <summary>The site's crawler configuration (key: site, <c>default</c> for a single site). Durable. Writes do not call
/// it: each silo keeps a copy (<see cref="CrawlerPolicy"/>) loaded from <see cref="GetAsync"/>, refreshed in the
/// background and replaced on every silo by <see cref="SetAsync"/>.</summary>
[Alias("actors.ICrawlersConfigGrain")]
public interface ICrawlersConfigGrain : IGrainWithStringKey
{
    /// <summary>The current configuration.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<CrawlersConfig> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the configuration; returns it once it is stored durably and every reachable silo's copy has it
    /// (a silo not reached picks it up within <see cref="CrawlerPolicyOptions.RefreshInterval"/>).</summary>
    [Alias("Set")]
    Task<CrawlersConfig> SetAsync(bool enabled, IReadOnlyList<string> knownUserAgents, string changedBy, CancellationToken cancellationToken = default);
}
