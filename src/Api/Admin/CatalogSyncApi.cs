using System.Text.Json.Serialization;
using Actors.Grains.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Api.Admin;

/// <summary>
/// <c>/admin/api/catalog/sync</c>: the catalog sync of the site, for operators. <c>GET</c> shows the configuration, the
/// run in progress and the recent runs; <c>POST</c> starts a run now (or joins the one going) and answers 202 at once.
/// Both only talk to the site's <see cref="ICatalogSyncGrain"/>; neither waits on the Catalog service.
/// </summary>
internal static class CatalogSyncApi
{
    public const string Path = "/catalog/sync";

    public static RouteGroupBuilder MapCatalogSync(this RouteGroupBuilder admin)
    {
        admin.MapGet(Path, GetAsync);
        admin.MapPost(Path, StartAsync);
        return admin;
    }

    private static ICatalogSyncGrain Sync(IGrainFactory grains) => grains.GetGrain<ICatalogSyncGrain>(CatalogSites.Default);

    private static async Task<Ok<CatalogSyncResponse>> GetAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(CatalogSyncResponse.From(await Sync(grains).GetStatusAsync(cancellationToken)));

    private static async Task<Results<Accepted<CatalogSyncStartResponse>, ProblemHttpResult>> StartAsync(
        HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var start = await Sync(grains).StartAsync(CatalogSyncTrigger.Manual, cancellationToken);
        if (start.Outcome == CatalogSyncStartOutcome.Disabled || start.Run is null)
        {
            return TypedResults.Problem(
                title: "The catalog sync is not configured.",
                detail: "Catalog:ApiUrl is not set on the silos, so there is nothing to sync from.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var body = new CatalogSyncStartResponse(start.Outcome == CatalogSyncStartOutcome.Joined ? "joined" : "started", CatalogSyncRunResponse.From(start.Run));
        return TypedResults.Accepted($"{request.PathBase}/admin/api{Path}", body);
    }
}

/// <summary>The answer to <c>GET /admin/api/catalog/sync</c>.</summary>
public sealed record CatalogSyncResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("api_url")] string? ApiUrl,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("sync_period_seconds")] double SyncPeriodSeconds,
    [property: JsonPropertyName("current")] CatalogSyncRunResponse? Current,
    [property: JsonPropertyName("recent_runs")] IReadOnlyList<CatalogSyncRunResponse> RecentRuns)
{
    internal static CatalogSyncResponse From(CatalogSyncStatus status) => new(
        status.Site, status.Enabled, status.ApiUrl, status.PageSize, status.SyncPeriod.TotalSeconds,
        status.Current is null ? null : CatalogSyncRunResponse.From(status.Current),
        status.RecentRuns.Select(CatalogSyncRunResponse.From).ToList());
}

/// <summary>The answer to <c>POST /admin/api/catalog/sync</c>: whether a run <c>started</c> or was <c>joined</c>.</summary>
public sealed record CatalogSyncStartResponse(
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("run")] CatalogSyncRunResponse Run);

/// <summary>One run of the sync, as the admin API shows it.</summary>
public sealed record CatalogSyncRunResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("silo")] string Silo,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("started")] DateTimeOffset Started,
    [property: JsonPropertyName("finished")] DateTimeOffset? Finished,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds,
    [property: JsonPropertyName("apply_seconds")] double ApplySeconds,
    [property: JsonPropertyName("pages")] int Pages,
    [property: JsonPropertyName("found_in_catalog")] int FoundInCatalog,
    [property: JsonPropertyName("matched")] int Matched,
    [property: JsonPropertyName("not_found")] int NotFound,
    [property: JsonPropertyName("updated")] int Updated,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("failures")] int Failures,
    [property: JsonPropertyName("error")] string? Error)
{
    internal static CatalogSyncRunResponse From(CatalogSyncRun run) => new(
        run.Id, run.Trigger.ToString().ToLowerInvariant(), run.Silo, run.State.ToString().ToLowerInvariant(), run.Started, run.Finished,
        run.Duration.TotalSeconds, run.ApplyDuration.TotalSeconds, run.Pages, run.FoundInCatalog, run.Matched, run.NotFound, run.Updated,
        run.Skipped, run.Failures, run.Error);
}
