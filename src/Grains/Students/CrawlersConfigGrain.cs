using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Students;

/// <summary>Keeps the crawler configuration in grain state named <c>crawlers-config</c>. After storing a change it tells
/// every silo's <see cref="CrawlerPolicy"/> at once; a silo it cannot tell catches up at its refresh interval.</summary>
internal sealed partial class CrawlersConfigGrain(
    [PersistentState("crawlers-config")] IPersistentState<CrawlersConfigGrain.Stored> state,
    TimeProvider time, IOptions<CrawlerPolicyOptions> options, ILogger<CrawlersConfigGrain> logger) : Grain, ICrawlersConfigGrain
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
        await TellSilosAsync(config);
        return config;
    }

    /// <summary>Replaces every active silo's copy. The change is stored already, so a failure is only logged: the silos
    /// not told read it at their next refresh. Waits at most <see cref="CrawlerPolicyOptions.ChangeNoticeTimeout"/>.</summary>
    private async Task TellSilosAsync(CrawlersConfig config)
    {
        var site = this.GetPrimaryKeyString();
        var timeout = options.Value.ChangeNoticeTimeout;
        try
        {
            await GrainFactory.GetGrain<IManagementGrain>(0)
                .SendControlCommandToProvider<CrawlerPolicy>(CrawlerPolicy.ServiceKey, CrawlerPolicy.ApplyCommand, new CrawlersConfigChange(site, config))
                .WaitAsync(timeout);
        }
        catch (Exception e)
        {
            LogChangeNotSent(site, options.Value.RefreshInterval, e.Message, e);
        }
    }

    [LoggerMessage(StudentEventIds.CrawlersChangeNotSent, LogLevel.Warning,
        "The crawler configuration of site '{Site}' is stored, but telling every silo failed ({Reason}); silos not told use it within {RefreshInterval}")]
    private partial void LogChangeNotSent(string site, TimeSpan refreshInterval, string reason, Exception exception);
}
