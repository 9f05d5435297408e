using System.Text.Json.Serialization;
using Actors.Api.Auth;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Api.Admin;

/// <summary>
/// <c>/admin/api/crawlers</c>: Open edX's CrawlersConfig (enabled + comma-separated known User-Agent prefixes), managed
/// by administrators. Courseware state writes from matching User-Agents are no-ops.
/// </summary>
internal static class CrawlersApi
{
    public const int MaxUserAgentsLength = 4096;
    public const int MaxUserAgentLength = 256;
    private const string Site = CrawlersConfig.DefaultSite;

    public static RouteGroupBuilder MapCrawlers(this RouteGroupBuilder admin)
    {
        admin.MapGet("/crawlers", GetAsync);
        admin.MapPut("/crawlers", PutAsync);
        return admin;
    }

    private static async Task<Ok<CrawlersConfigResponse>> GetAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(CrawlersConfigResponse.From(await grains.GetGrain<ICrawlersConfigGrain>(Site).GetAsync(cancellationToken)));

    private static async Task<Results<Ok<CrawlersConfigResponse>, ValidationProblem>> PutAsync(
        CrawlersConfigRequest request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } errors)
            return TypedResults.ValidationProblem(errors);
        var config = await grains.GetGrain<ICrawlersConfigGrain>(Site).SetAsync(
            request.Enabled!.Value, CrawlersConfig.ParseUserAgents(request.KnownUserAgents!), OpenEdxClaims.UsernameOf(http.User) ?? "unknown",
            cancellationToken);
        return TypedResults.Ok(CrawlersConfigResponse.From(config));
    }

    /// <summary>The field errors of <paramref name="request"/>, or null when it is valid.</summary>
    internal static Dictionary<string, string[]>? Validate(CrawlersConfigRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Enabled is null)
            errors["enabled"] = ["Required: true or false."];
        if (request.KnownUserAgents is null)
            errors["known_user_agents"] = ["Required: comma-separated User-Agent prefixes (may be empty)."];
        else if (request.KnownUserAgents.Length > MaxUserAgentsLength)
            errors["known_user_agents"] = [$"At most {MaxUserAgentsLength} characters."];
        else if (CrawlersConfig.ParseUserAgents(request.KnownUserAgents).FirstOrDefault(a => a.Length > MaxUserAgentLength || a.Any(char.IsControl)) is { } bad)
            errors["known_user_agents"] = [$"Entry '{bad[..Math.Min(bad.Length, 40)]}' is longer than {MaxUserAgentLength} characters or contains control characters."];
        return errors.Count == 0 ? null : errors;
    }
}

/// <summary>The body of <c>PUT /admin/api/crawlers</c>, in Open edX's field names.</summary>
/// <param name="Enabled">Whether crawler detection is on.</param>
/// <param name="KnownUserAgents">Comma-separated User-Agent prefixes; entries are trimmed, empty ones ignored.</param>
public sealed record CrawlersConfigRequest(
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("known_user_agents")] string? KnownUserAgents);

/// <summary>The crawler configuration as the API shows it.</summary>
public sealed record CrawlersConfigResponse(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("known_user_agents")] string KnownUserAgents,
    [property: JsonPropertyName("changed_by")] string? ChangedBy,
    [property: JsonPropertyName("change_date")] DateTimeOffset? ChangeDate)
{
    internal static CrawlersConfigResponse From(CrawlersConfig config) =>
        new(config.Enabled, string.Join(',', config.KnownUserAgents), config.ChangedBy, config.ChangeDate);
}
