using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;

namespace Actors.Grains.Students;

/// <summary>
/// This silo's copy of each site's crawler configuration, which the learner grains read on every write that carries a
/// User-Agent instead of calling the site's single <see cref="ICrawlersConfigGrain"/> (one activation for the whole
/// cluster would otherwise take a call per write).
/// <list type="bullet">
/// <item>The first reader of a site loads the copy from the grain; concurrent first readers share that one call.</item>
/// <item>Afterwards a background loop reads the grain again whenever the copy is older than
/// <see cref="CrawlerPolicyOptions.RefreshInterval"/>; readers never wait for it. A failed refresh keeps the copy, logs
/// a warning and is tried again one interval later.</item>
/// <item>A change made through <see cref="ICrawlersConfigGrain.SetAsync"/> is pushed to every silo's copy at once
/// through Orleans' management grain (<c>SendControlCommandToProvider&lt;CrawlerPolicy&gt;(</c><see cref="ServiceKey"/><c>,
/// </c><see cref="ApplyCommand"/><c>, </c><see cref="CrawlersConfigChange"/><c>)</c>).</item>
/// </list>
/// </summary>
public sealed partial class CrawlerPolicy(
    IGrainFactory grains, IOptions<CrawlerPolicyOptions> options, TimeProvider time, ILogger<CrawlerPolicy> logger)
    : IControllable, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>The name under which the policy is registered (as a keyed <see cref="IControllable"/>).</summary>
    public const string ServiceKey = "actors-crawlers";

    /// <summary>The control command that replaces this silo's copy of a site's configuration; its argument is a
    /// <see cref="CrawlersConfigChange"/>. A site this silo has not read yet is left to load on first use.</summary>
    public const int ApplyCommand = 1;

    private readonly ConcurrentDictionary<string, SiteCopy> _sites = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The crawler configuration of <paramref name="site"/>: this silo's copy, loaded from the grain on first
    /// use (a failed first load fails the caller, and the next caller tries again).</summary>
    public ValueTask<CrawlersConfig> GetAsync(string site)
    {
        var copy = _sites.GetOrAdd(site, static key => new SiteCopy(key));
        return copy.Current is { } current ? ValueTask.FromResult(current) : new ValueTask<CrawlersConfig>(LoadFirstAsync(copy));
    }

    /// <inheritdoc />
    public Task<object?> ExecuteCommand(int command, object? arg)
    {
        if (command != ApplyCommand)
            throw new ArgumentOutOfRangeException(nameof(command), command, $"The only command is {ApplyCommand} (apply a change).");
        if (arg is not CrawlersConfigChange change)
            throw new ArgumentException($"The argument of command {ApplyCommand} is a {nameof(CrawlersConfigChange)}.", nameof(arg));
        if (_sites.TryGetValue(change.Site, out var copy))
            Store(copy, change.Config, generation: null);
        return Task.FromResult<object?>(null);
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CrawlerPolicy), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            _stopping.Cancel();
            return Task.CompletedTask;
        });

    /// <summary>Stops the refresh loops (the container may call this more than once: the policy is registered under
    /// several service types; the token source holds no timer, so it is only cancelled).</summary>
    public void Dispose() => _stopping.Cancel();

    private async Task<CrawlersConfig> LoadFirstAsync(SiteCopy copy)
    {
        Task<CrawlersConfig> load;
        lock (copy)
        {
            if (copy.Current is { } current)
                return current;
            load = copy.FirstLoad ??= OutsideCallerContext(() => FirstLoadAsync(copy));
        }
        try
        {
            return await load;
        }
        catch
        {
            lock (copy)
            {
                if (copy.FirstLoad == load)
                    copy.FirstLoad = null;
            }
            throw;
        }
    }

    private async Task<CrawlersConfig> FirstLoadAsync(SiteCopy copy)
    {
        long generation;
        lock (copy)
            generation = copy.Generation;
        var config = await grains.GetGrain<ICrawlersConfigGrain>(copy.Site).GetAsync(_stopping.Token);
        Store(copy, config, generation);
        return copy.Current ?? config;
    }

    /// <summary>Replaces the copy, unless <paramref name="generation"/> (when a refresh read the grain) is no longer the
    /// copy's: then a pushed change arrived meanwhile, which is at least as new as what the refresh read.</summary>
    private void Store(SiteCopy copy, CrawlersConfig config, long? generation)
    {
        bool startRefreshing;
        lock (copy)
        {
            if (generation is not null && generation != copy.Generation)
                return;
            copy.Current = config;
            copy.StoredAt = time.GetTimestamp();
            copy.Generation++;
            startRefreshing = !copy.Refreshing;
            copy.Refreshing = true;
        }
        if (startRefreshing)
            _ = OutsideCallerContext(() => RefreshLoopAsync(copy));
    }

    private async Task RefreshLoopAsync(SiteCopy copy)
    {
        var interval = options.Value.RefreshInterval;
        var stopping = _stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                TimeSpan wait;
                lock (copy)
                    wait = interval - time.GetElapsedTime(copy.StoredAt);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stopping);
                    continue;
                }
                long generation;
                lock (copy)
                    generation = copy.Generation;
                try
                {
                    Store(copy, await grains.GetGrain<ICrawlersConfigGrain>(copy.Site).GetAsync(stopping), generation);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    LogRefreshFailed(copy.Site, interval, e.Message, e);
                    await Task.Delay(interval, time, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Starts <paramref name="work"/> on the thread pool without the caller's execution context, so a grain
    /// call it makes belongs to no learner grain's call chain and a shared load outlives the grain that started it.</summary>
    private static Task<T> OutsideCallerContext<T>(Func<Task<T>> work)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(work);
    }

    private static Task OutsideCallerContext(Func<Task> work)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(work);
    }

    [LoggerMessage(StudentEventIds.CrawlersRefreshFailed, LogLevel.Warning,
        "Refreshing this silo's copy of the crawler configuration of site '{Site}' failed ({Reason}); the last copy stays in use and the refresh is tried again in {Interval}")]
    private partial void LogRefreshFailed(string site, TimeSpan interval, string reason, Exception exception);

    /// <summary>One site's copy; fields guarded by locking the instance (<see cref="Current"/> is also read without).</summary>
    private sealed class SiteCopy(string site)
    {
        public string Site { get; } = site;

        public volatile CrawlersConfig? Current;

        public Task<CrawlersConfig>? FirstLoad;

        public long StoredAt;

        public long Generation;

        public bool Refreshing;
    }
}
