using Microsoft.Extensions.Http.Resilience;

namespace Actors.Grains.Catalog;

/// <summary>
/// The marketing-data sync with Open edX's Catalog service (course-discovery). Section <c>Catalog</c>. Without
/// <see cref="ApiUrl"/> nothing syncs: no reminder is registered and a manual run is refused.
/// </summary>
public sealed class CatalogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Catalog";

    /// <summary>Discovery's API root, e.g. <c>https://discovery.example.org/api/v1</c>; runs read
    /// <c>{ApiUrl}/course_runs/</c>. Unset (the default) means no sync.</summary>
    public Uri? ApiUrl { get; set; }

    /// <summary>The token sent as <c>Authorization: Bearer {ApiToken}</c> (a JWT of the LMS's catalog service user).
    /// Unset sends no Authorization header.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Course runs asked for per page (<c>page_size</c>). Default 100 (discovery's own default is 20; 3,200
    /// runs are 32 requests at 100, 160 at 20).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Time between runs: the period of the durable reminder. Default 1 h.</summary>
    public TimeSpan SyncPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When the first run happens after the reminder is first registered (a fresh database). Default 1 min.</summary>
    public TimeSpan FirstSyncDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most page fetches that run ahead of the page being applied. 1 (the default) fetches page n+1 while page n
    /// is applied; 0 fetches strictly one page after the other.</summary>
    public int PagesAhead { get; set; } = 1;

    /// <summary>Most course grains told their catalog values at once while a page is applied. Default 32.</summary>
    public int ApplyConcurrency { get; set; } = 32;

    /// <summary>Runs kept in the sync grain's state for the dashboard, newest first. Default 20.</summary>
    public int RecentRuns { get; set; } = 20;

    /// <summary>Most pages a run reads before it stops as failed (a guard against a catalog whose <c>next</c> never
    /// ends). Default 10,000.</summary>
    public int MaxPages { get; set; } = 10_000;

    /// <summary>How many times a silo tries, at start, to register the sync's reminder before it gives up until its next
    /// start (every silo registers it, so one silo giving up leaves it registered by the others). Default 5.</summary>
    public int RegistrationAttempts { get; set; } = 5;

    /// <summary>The wait between those attempts. Default 5 s.</summary>
    public TimeSpan RegistrationRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Timeouts, retries and the circuit breaker of each page request: Microsoft.Extensions.Http.Resilience's standard
    /// pipeline, bound from <c>Catalog:Resilience</c> (e.g. <c>Catalog:Resilience:AttemptTimeout:Timeout</c>,
    /// <c>Catalog:Resilience:Retry:MaxRetryAttempts</c>, <c>Catalog:Resilience:CircuitBreaker:BreakDuration</c>). Our
    /// defaults (<see cref="ApplyDefaults"/>): 30 s per attempt, 3 retries with exponential back-off from 2 s with jitter,
    /// 3 min in all per page, and a breaker that opens for 30 s when half the requests of 2 min (at least 10) failed.
    /// </summary>
    public static void ApplyDefaults(HttpStandardResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(3);
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.Delay = TimeSpan.FromSeconds(2);
        options.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(2);
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.MinimumThroughput = 10;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
    }

    /// <summary>The configuration section of the page requests' resilience pipeline.</summary>
    public const string ResilienceSectionName = "Catalog:Resilience";

    /// <summary>True when a sync is configured.</summary>
    public bool Enabled => ApiUrl is not null;
}
