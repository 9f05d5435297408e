using System.Text.Json;
using Actors.Api.Auth;
using Actors.Api.Courseware;
using Actors.Api.Enrollments;
using Actors.Grains.Keys;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Api.Completion;

/// <summary>
/// <c>POST /courses/{course_id}/xblock/{usage_key}/handler/publish_completion</c>, the LMS handler the learning MFE
/// calls: records the token's user's completion (0..1) of one block as a <c>block_completion</c> row. The learner must
/// have an active enrollment in the course (administrators need none); the usage key must belong to the course, and
/// the block type is the usage key's. From a crawler's User-Agent it answers
/// <c>{"result": "ok"}</c> without writing. Completions are stored raw; the navigation applies Open edX's aggregation rules.
/// </summary>
internal static class CompletionApi
{
    public static RouteGroupBuilder MapCompletion(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/courses/{course_id}/xblock/{usage_key}/handler").WithTags("Completion");
        group.MapPost("/publish_completion", PublishAsync);
        return group;
    }

    private static async Task<Results<Ok<PublishCompletionResponse>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        [FromRoute(Name = "course_id")] string courseId, [FromRoute(Name = "usage_key")] string usageKey,
        PublishCompletionRequest request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = Validate(courseId, usageKey, request, out var course, out var block, out var completion);
        if (errors is not null)
            return TypedResults.ValidationProblem(errors);
        if (OpenEdxClaims.UsernameOf(http.User) is not { Length: > 0 } username)
            return EnrollmentsApi.Forbidden("The token names no user.");

        var grain = grains.GetGrain<IStudentModuleGrain>(username);
        if (!OpenEdxClaims.IsAdministrator(http.User) && await grain.GetEnrollmentAsync(course, cancellationToken) is not { IsActive: true })
            return EnrollmentsApi.Forbidden($"'{username}' is not enrolled in '{course}'.");
        await grain.PublishCompletionAsync(course, block.UsageKey, block.BlockType, completion, CoursewareStateApi.UserAgent(http), cancellationToken);
        return TypedResults.Ok(PublishCompletionResponse.Ok);
    }

    /// <summary>The field errors of a request, or null when it is valid (then the parsed course, block and value are set).</summary>
    internal static Dictionary<string, string[]>? Validate(string courseId, string usageKey, PublishCompletionRequest request,
        out string course, out (string UsageKey, string BlockType, string CourseId) block, out double completion)
    {
        var errors = new Dictionary<string, string[]>();
        course = OpaqueKeyInput.CourseId(courseId, out var courseError) ?? "";
        if (course.Length == 0)
            errors["course_id"] = [courseError];
        var usage = OpaqueKeyInput.Usage(usageKey, out var usageError);
        block = usage ?? default;
        if (usage is null)
            errors["usage_key"] = [usageError];
        else if (course.Length > 0 && !UsageKey.Parse(block.UsageKey).IsIn(CourseKey.Parse(course)))
            errors["usage_key"] = [$"'{block.UsageKey}' belongs to '{block.CourseId}', not to '{course}'."];
        completion = 0;
        if (request.Completion is not { ValueKind: JsonValueKind.Number } value || !value.TryGetDouble(out completion)
                                                                                 || !(completion is >= 0.0 and <= 1.0))
            errors["completion"] = ["Required: a number from 0 to 1."];
        return errors.Count == 0 ? null : errors;
    }
}
