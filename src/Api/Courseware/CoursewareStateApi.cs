using System.Text.Json;
using Actors.Api.Auth;
using Actors.Grains.Students;
using Actors.Grains.Students.State;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Api.Courseware;

/// <summary>
/// <c>/api/courseware/v1/state/{username}</c>: Open edX's user-state client (<c>DjangoXBlockUserStateClient</c>) over
/// the learner's <c>student_module</c> rows, on their <see cref="IStudentModuleGrain"/>. A learner reaches only their own
/// username; an administrator reaches everyone's. Writes answer 204 once durable (group-committed with the learner's
/// other writes); from a crawler's User-Agent they answer 204 without writing. Reads show durable state only.
/// See <c>docs/learner-state.md</c>.
/// </summary>
internal static class CoursewareStateApi
{
    /// <summary>The most blocks one get_many or set_many body may name; the grain enforces its own
    /// <c>Actors:Students:MaxBlocksPerCall</c> too.</summary>
    private const int MaxBlocksPerRequest = 1000;

    public static RouteGroupBuilder MapCoursewareState(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup($"/api/courseware/v1/state/{{{ApiPolicies.UsernameRouteValue}}}").WithTags("Courseware state")
            .RequireOwnUserOrAdministrator();
        group.MapPost("/get_many", GetManyAsync);
        group.MapPost("/set_many", SetManyAsync);
        group.MapGet("/{usage_key}", GetAsync);
        group.MapPut("/{usage_key}", PutAsync);
        group.MapDelete("/{usage_key}", DeleteAsync);
        group.MapGet("/{usage_key}/history", HistoryAsync);
        return group;
    }

    /// <summary><c>get</c>: the block's fields (<c>fields=a,b</c> keeps only those); 404 when absent.</summary>
    private static async Task<Results<Ok<XBlockUserStateResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string username, [FromRoute(Name = "usage_key")] string usageKey, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var key = StateRequests.UsageKey(usageKey, errors);
        var fields = StateRequests.Fields(http.Request.Query["fields"], errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var state = await Grain(grains, username).GetStateAsync(key!.UsageKey, fields, cancellationToken);
        return state is null ? NotFound($"'{username}' has no state for '{key.UsageKey}'.") : TypedResults.Ok(XBlockUserStateResponse.From(state));
    }

    /// <summary><c>set</c>: overlays the body's fields onto the block's; 204 once durable.</summary>
    private static async Task<Results<NoContent, ValidationProblem>> PutAsync(
        string username, [FromRoute(Name = "usage_key")] string usageKey, JsonElement body, HttpContext http, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var key = StateRequests.UsageKey(usageKey, errors);
        var state = StateRequests.State(body, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        await Grain(grains, username).SetStateAsync(key!.UsageKey, state!, UserAgent(http), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>delete</c>: the whole state, or only <c>fields=a,b</c>; 204 once durable (also when there was nothing).</summary>
    private static async Task<Results<NoContent, ValidationProblem>> DeleteAsync(
        string username, [FromRoute(Name = "usage_key")] string usageKey, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var key = StateRequests.UsageKey(usageKey, errors);
        var fields = StateRequests.Fields(http.Request.Query["fields"], errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        await Grain(grains, username).DeleteStateAsync(key!.UsageKey, fields, UserAgent(http), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>get_many</c>: a JSON array of the named blocks that have state, in the order named.</summary>
    private static async Task<Results<Ok<IReadOnlyList<XBlockUserStateResponse>>, ValidationProblem>> GetManyAsync(
        string username, JsonElement body, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (keys, fields) = StateRequests.GetMany(body, MaxBlocksPerRequest, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var states = keys.Count == 0 ? [] : await Grain(grains, username).GetStatesAsync(keys, fields, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<XBlockUserStateResponse>>(states.Select(XBlockUserStateResponse.From).ToList());
    }

    /// <summary><c>set_many</c>: <c>{usage_key: {fields}}</c>, every block in one transaction; 204 once durable.</summary>
    private static async Task<Results<NoContent, ValidationProblem>> SetManyAsync(
        string username, JsonElement body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var states = StateRequests.SetMany(body, MaxBlocksPerRequest, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        await Grain(grains, username).SetStatesAsync(states, UserAgent(http), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>get_history</c>: a JSON array, newest first; 404 when the learner has no row for the block or no history.</summary>
    private static async Task<Results<Ok<IReadOnlyList<XBlockUserStateResponse>>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string username, [FromRoute(Name = "usage_key")] string usageKey, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var key = StateRequests.UsageKey(usageKey, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var history = await Grain(grains, username).GetStateHistoryAsync(key!.UsageKey, cancellationToken);
        return history is null
            ? NotFound($"'{username}' has no history for '{key.UsageKey}'.")
            : TypedResults.Ok<IReadOnlyList<XBlockUserStateResponse>>(history.Select(XBlockUserStateResponse.From).ToList());
    }

    /// <summary>The request's User-Agent, which the grain matches against the crawler configuration; null when none.</summary>
    internal static string? UserAgent(HttpContext http) => http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;

    private static IStudentModuleGrain Grain(IGrainFactory grains, string username) => grains.GetGrain<IStudentModuleGrain>(username);

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);
}
