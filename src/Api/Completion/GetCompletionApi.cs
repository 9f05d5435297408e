using System.Text.Json;
using Actors.Api.Auth;
using Actors.Api.Courses;
using Actors.Api.Courseware;
using Actors.Api.Enrollments;
using Actors.Api.Positions;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Api.Completion;

/// <summary>
/// <c>POST /courses/{course_id}/xblock/{sequence_key}/handler/get_completion</c> <c>{"usage_key": unit}</c> →
/// <c>{"complete": true|false}</c>, the learning MFE's check of one unit of a sequence. Answered from the same
/// <c>block_completion</c> rows that <c>publish_completion</c> writes and the navigation reads, with Open edX's rule
/// (edx-completion's <c>vertical_is_complete</c>): a unit is complete when each of its completable blocks — found through
/// aggregators, leaving out excluded ones such as discussions — has completion 1.0; a unit with none is complete. The
/// unit must be a vertical the token's user sees among the sequence's children (Open edX answers null, or fails, when it
/// is not; here 400 naming <c>usage_key</c>). Path key errors are named <c>course_id</c> and <c>sequence_key</c>.
/// Learners need an active enrollment; administrators need none.
/// </summary>
internal static class GetCompletionApi
{
    /// <summary>The completion at which Open edX counts a block complete.</summary>
    public const double Complete = 1.0;

    public static RouteHandlerBuilder MapGetCompletion(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/courses/{course_id}/xblock/{usage_key}/handler/get_completion", GetCompletionAsync).WithTags("Completion");

    private static async Task<Results<Ok<GetCompletionResponse>, ValidationProblem, ProblemHttpResult>> GetCompletionAsync(
        [FromRoute(Name = "course_id")] string courseId, [FromRoute(Name = "usage_key")] string sequenceKey, JsonElement body,
        HttpContext http, IGrainFactory grains, CourseStructures structures, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var course = OpaqueKeyInput.Course(courseId, out var courseError);
        if (course is null)
            errors["course_id"] = [courseError];
        var sequence = XBlockHandlerKeys.BlockOf(course, sequenceKey, "sequence_key", errors);
        var unitKey = PositionRequests.GetCompletion(body, errors);
        var unit = unitKey is null ? null : XBlockHandlerKeys.BlockOf(course, unitKey, "usage_key", errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (OpenEdxClaims.UsernameOf(http.User) is not { Length: > 0 } username)
            return EnrollmentsApi.Forbidden("The token names no user.");

        var courseKey = course!.ToString();
        var isStaff = OpenEdxClaims.IsAdministrator(http.User);
        var learner = grains.GetGrain<IStudentModuleGrain>(username);
        var completion = isStaff
            ? await learner.GetCompletionAsync(courseKey, cancellationToken)
            : (await learner.GetCourseStateAsync(courseKey, cancellationToken)).Completion;
        if (completion is null)
            return EnrollmentsApi.Forbidden($"'{username}' is not enrolled in '{courseKey}'.");

        var tree = new LearnerTree(await structures.GetAsync(courseKey, cancellationToken), isStaff, time.GetUtcNow());
        if (tree.Find(sequence!.ToString()) is not { } parent || !tree.IsVisible(parent))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"'{sequence}' is not a block of the published course '{courseKey}'.");
        }

        if (tree.Children(parent).FirstOrDefault(c => c.Id == unit!.ToString()) is not { Type: "vertical" } vertical)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["usage_key"] = [$"'{unit}' is not a unit (vertical) of '{sequence}'."],
            });
        }

        var complete = tree.CompletableDescendants(vertical)
            .All(b => completion.Blocks.TryGetValue(b.Id, out var block) && block.Completion >= Complete);
        return TypedResults.Ok(new GetCompletionResponse(complete));
    }
}
