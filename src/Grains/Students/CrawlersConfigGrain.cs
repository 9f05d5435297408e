namespace Actors.Grains.Students;

/// <summary>Keeps the crawler configuration in grain state named <c>crawlers-config</c>.</summary>
internal sealed class CrawlersConfigGrain(
    [PersistentState("crawlers-config")] IPersistentState<CrawlersConfigGrain.Stored> state,
    TimeProvider time) : Grain, ICrawlersConfigGrain
{
    /// <summary>The stored form: the configuration, or null when never set.</summary>
    [GenerateSerializer, Alias("actors.CrawlersConfigGrain.Stored")]
    internal sealed record Stored
    {
        [Id(0)]
        public CrawlersConfig? Config { get; init; }
    }

    public Task<CrawlersConfig> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(state.State.Config ?? CrawlersConfig.Default);

    public async Task<CrawlersConfig> SetAsync(bool enabled, IReadOnlyList<string> knownUserAgents, string changedBy, CancellationToken cancellationToken)
    {
        var config = new CrawlersConfig(enabled, knownUserAgents, changedBy, time.GetUtcNow());
        state.State = new Stored { Config = config };
        await state.WriteStateAsync(cancellationToken);
        return config;
    }
}
