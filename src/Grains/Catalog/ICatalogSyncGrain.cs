using Orleans.Concurrency;

namespace Actors.Grains.Catalog;

/// <summary>
/// The catalog sync of one site (key: the site, <see cref="CatalogSites.Default"/>): the single owner of its runs, so at
/// most one runs at a time in the whole cluster. A durable reminder (period <c>Catalog:SyncPeriod</c>) starts a run; so
/// does an administrator. A run reads the Catalog service's course runs page by page and tells each course here its
/// catalog values. Never called from a learner's request.
/// </summary>
[Alias("actors.ICatalogSyncGrain")]
public interface ICatalogSyncGrain : IGrainWithStringKey
{
    /// <summary>Registers the sync's reminder when <c>Catalog:ApiUrl</c> is set and it is not registered with the
    /// configured period already (idempotent: every silo calls this at start), and removes it when the URL is unset.</summary>
    [Alias("Schedule")]
    Task ScheduleAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a run now, or joins the one running; answers at once (the run goes on in the background).</summary>
    [Alias("Start")]
    Task<CatalogSyncStart> StartAsync(CatalogSyncTrigger trigger = CatalogSyncTrigger.Manual, CancellationToken cancellationToken = default);

    /// <summary>The configuration, the run in progress and the recent runs. Answers during a run.</summary>
    [ReadOnly]
    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<CatalogSyncStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>What started a run.</summary>
public enum CatalogSyncTrigger
{
    /// <summary>An administrator (or another caller) asked.</summary>
    Manual,

    /// <summary>The sync's reminder ticked.</summary>
    Reminder,
}

/// <summary>Where a run stands.</summary>
public enum CatalogSyncRunState
{
    /// <summary>Reading and applying pages.</summary>
    Running,

    /// <summary>Every page was read and applied.</summary>
    Succeeded,

    /// <summary>A page or a course failed; what was applied before stays; the next tick or a manual run retries.</summary>
    Failed,

    /// <summary>The silo running it stopped or died before it finished.</summary>
    Interrupted,
}

/// <summary>The answer to <see cref="ICatalogSyncGrain.StartAsync"/>.</summary>
/// <param name="Outcome">Whether a run started, was joined, or the sync is not configured.</param>
/// <param name="Run">The run started or joined (null when disabled).</param>
[GenerateSerializer, Immutable, Alias("actors.CatalogSyncStart")]
public sealed record CatalogSyncStart(CatalogSyncStartOutcome Outcome, CatalogSyncRun? Run);

/// <summary>What a start request did.</summary>
public enum CatalogSyncStartOutcome
{
    /// <summary>A new run started.</summary>
    Started,

    /// <summary>A run was already going; the request joined it.</summary>
    Joined,

    /// <summary><c>Catalog:ApiUrl</c> is not set on the silo: nothing runs.</summary>
    Disabled,
}

/// <summary>One run of the sync: its counters so far (while running) or in all.</summary>
/// <param name="Id">Sequential per site.</param>
/// <param name="Trigger">What started it.</param>
/// <param name="Silo">The silo that ran it.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Started">When it started.</param>
/// <param name="Finished">When it ended (null while running).</param>
/// <param name="Duration">How long it ran (so far).</param>
/// <param name="ApplyDuration">Time spent telling courses their values (pages are fetched meanwhile).</param>
/// <param name="Pages">Pages read and applied.</param>
/// <param name="FoundInCatalog">Course runs the catalog listed.</param>
/// <param name="Matched">Catalog course runs that exist here (directly, or through CCX courses on them).</param>
/// <param name="NotFound">Catalog course runs with no course here.</param>
/// <param name="Updated">Course overviews written (values differed), CCX courses included.</param>
/// <param name="Skipped">Catalog rows skipped: unparsable or missing keys, rows that are not objects.</param>
/// <param name="Failures">Failures that stopped the run (0 or 1).</param>
/// <param name="Error">The failure, when it failed.</param>
[GenerateSerializer, Immutable, Alias("actors.CatalogSyncRun")]
public sealed record CatalogSyncRun(
    long Id,
    CatalogSyncTrigger Trigger,
    string Silo,
    CatalogSyncRunState State,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    TimeSpan Duration,
    TimeSpan ApplyDuration,
    int Pages,
    int FoundInCatalog,
    int Matched,
    int NotFound,
    int Updated,
    int Skipped,
    int Failures,
    string? Error);

/// <summary>The sync of a site as the admin API shows it.</summary>
/// <param name="Site">The site.</param>
/// <param name="Enabled">Whether <c>Catalog:ApiUrl</c> is set on the silo.</param>
/// <param name="ApiUrl">Discovery's API root.</param>
/// <param name="PageSize">Course runs per page.</param>
/// <param name="SyncPeriod">Time between runs.</param>
/// <param name="Current">The run in progress, if any.</param>
/// <param name="RecentRuns">Finished runs (and the current one), newest first, at most <c>Catalog:RecentRuns</c>.</param>
[GenerateSerializer, Immutable, Alias("actors.CatalogSyncStatus")]
public sealed record CatalogSyncStatus(
    string Site,
    bool Enabled,
    string? ApiUrl,
    int PageSize,
    TimeSpan SyncPeriod,
    CatalogSyncRun? Current,
    IReadOnlyList<CatalogSyncRun> RecentRuns);
