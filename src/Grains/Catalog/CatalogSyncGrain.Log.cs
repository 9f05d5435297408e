using Microsoft.Extensions.Logging;

namespace Actors.Grains.Catalog;

internal sealed partial class CatalogSyncGrain
{
    [LoggerMessage(CatalogEventIds.RunStarted, LogLevel.Information,
        "Catalog sync {Site}: run {RunId} started ({Trigger}) on silo {Silo} from {ApiUrl}, {PageSize} course runs per page")]
    private partial void LogRunStarted(string site, long runId, CatalogSyncTrigger trigger, string silo, Uri apiUrl, int pageSize);

    [LoggerMessage(CatalogEventIds.PageApplied, LogLevel.Information,
        "Catalog sync {Site}: run {RunId} applied page {Page} ({Rows} rows); so far found {Found}, matched {Matched}, updated {Updated}, skipped {Skipped}")]
    private partial void LogPageApplied(string site, long runId, int page, int rows, int found, int matched, int updated, int skipped);

    [LoggerMessage(CatalogEventIds.RunEnded, LogLevel.Information,
        "Catalog sync {Site}: run {RunId} ended {State} in {Seconds:0.000} s: pages {Pages}, found in catalog {Found}, matched {Matched}, not found {NotFound}, updated {Updated}, skipped {Skipped}, failures {Failures}; applying took {ApplySeconds:0.000} s")]
    private partial void LogRunEnded(string site, long runId, CatalogSyncRunState state, double seconds, int pages, int found, int matched, int notFound,
        int updated, int skipped, int failures, double applySeconds);

    [LoggerMessage(CatalogEventIds.RunFailed, LogLevel.Error,
        "Catalog sync {Site}: run {RunId} failed after {Pages} pages (what they applied stays; the next tick or a manual run retries): {Error}")]
    private partial void LogRunFailed(Exception exception, string site, long runId, int pages, string error);

    [LoggerMessage(CatalogEventIds.UnparsableKey, LogLevel.Warning, "Catalog sync {Site}: run {RunId} skipped course run key {Key} of {Url}: not a course key")]
    private partial void LogUnparsableKey(string site, long runId, string key, Uri url);

    [LoggerMessage(CatalogEventIds.RunJoined, LogLevel.Information, "Catalog sync {Site}: a {Trigger} start joined run {RunId}, already running")]
    private partial void LogRunJoined(string site, long runId, CatalogSyncTrigger trigger);

    [LoggerMessage(CatalogEventIds.RunInterrupted, LogLevel.Warning, "Catalog sync {Site}: run {RunId} on silo {Silo} was interrupted (its silo stopped)")]
    private partial void LogRunInterrupted(string site, long runId, string silo);

    [LoggerMessage(CatalogEventIds.StateWriteFailed, LogLevel.Error, "Catalog sync {Site}: recording run {RunId} failed")]
    private partial void LogStateWriteFailed(Exception exception, string site, long runId);

    [LoggerMessage(CatalogEventIds.ReminderRegistered, LogLevel.Information, "Catalog sync {Site}: reminder registered every {Period}, first tick in {Due}")]
    private partial void LogReminderRegistered(string site, TimeSpan period, TimeSpan due);

    [LoggerMessage(CatalogEventIds.ReminderRemoved, LogLevel.Information, "Catalog sync {Site}: reminder removed (Catalog:ApiUrl is not set)")]
    private partial void LogReminderRemoved(string site);

    [LoggerMessage(CatalogEventIds.TickWhileDisabled, LogLevel.Information, "Catalog sync {Site}: reminder ticked but Catalog:ApiUrl is not set; removing it")]
    private partial void LogTickWhileDisabled(string site);
}
