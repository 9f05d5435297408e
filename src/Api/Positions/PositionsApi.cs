using System.Text.Json;
using Actors.Api.Auth;
using Actors.Api.Courses;
using Actors.Api.Courseware;
using Actors.Api.Enrollments;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Api.Positions;

/// <summary>
/// Positions (<c>shared/openedx.md</c> §d.6), stored as the <c>position</c> field of the learner's StudentModule state
/// of course, chapter and sequence blocks, through the learner grain's group commit (unchanged positions are not
/// rewritten; crawler writes answer success without writing):
/// <list type="bullet">
/// <item><c>POST /courses/{course_id}/xblock/{usage_key}/handler/goto_position</c> <c>{"position": n}</c> →
/// <c>{"success": true}</c>, the learning MFE's call when a learner moves within a sequence. The token's user must be
/// enrolled (administrators need not be).</item>
/// <item><c>GET|PATCH /api/mobile/v4/users/{username}/course_status_info/{course_id}</c>, the mobile apps' resume point:
/// GET answers the last visited path; PATCH <c>last_visited_module_id</c> saves positions up the tree in one batch
/// (a <c>modification_date</c> older than the course block's last change makes it a no-op) and answers the same. Own
/// user (enrolled) or an administrator.</item>
/// </list>
/// See <c>docs/learner-state.md</c>.
/// </summary>
internal static class PositionsApi
{
    public const string CourseStatusPath = $"/api/mobile/v4/users/{{{ApiPolicies.UsernameRouteValue}}}/course_status_info/{{course_id}}";

    public static IEndpointRouteBuilder MapPositions(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/courses/{course_id}/xblock/{usage_key}/handler/goto_position", GotoPositionAsync).WithTags("Positions");
        routes.MapGet(CourseStatusPath, GetCourseStatusAsync).WithTags("Positions").RequireOwnUserOrAdministrator();
        routes.MapPatch(CourseStatusPath, PatchCourseStatusAsync).WithTags("Positions").RequireOwnUserOrAdministrator();
        return routes;
    }

    private static async Task<Results<Ok<GotoPositionResponse>, ValidationProblem, ProblemHttpResult>> GotoPositionAsync(
        [FromRoute(Name = "course_id")] string courseId, [FromRoute(Name = "usage_key")] string usageKey, JsonElement body,
        HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var keys = XBlockHandlerKeys.Read(courseId, usageKey, errors);
        var position = PositionRequests.GotoPosition(body, errors);
        if (keys is { Block.BlockType: var type } && !LearnerTree.PositionTypes.Contains(type))
            errors["usage_key"] = [$"A {type} keeps no position: only course, chapter and sequential blocks do."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (OpenEdxClaims.UsernameOf(http.User) is not { Length: > 0 } username)
            return EnrollmentsApi.Forbidden("The token names no user.");

        var (course, block) = keys!.Value;
        var grain = grains.GetGrain<IStudentModuleGrain>(username);
        if (await LearnerAccess.DenyAsync(http, grain, username, course.ToString(), cancellationToken) is { } denied)
            return denied;
        await grain.SavePositionsAsync(course.ToString(), new Dictionary<string, int> { [block.ToString()] = position!.Value }, null,
            CoursewareStateApi.UserAgent(http), cancellationToken);
        return TypedResults.Ok(GotoPositionResponse.Ok);
    }

    private static async Task<Results<Ok<CourseStatusResponse>, ValidationProblem, ProblemHttpResult>> GetCourseStatusAsync(
        string username, [FromRoute(Name = "course_id")] string courseId, HttpContext http, IGrainFactory grains, CourseStructures structures,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (OpaqueKeyInput.CourseId(courseId, out var keyError) is not { } course)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["course_id"] = [keyError] });
        var grain = grains.GetGrain<IStudentModuleGrain>(username);
        if (await LearnerAccess.DenyAsync(http, grain, username, course, cancellationToken) is { } denied)
            return denied;
        var tree = await TreeAsync(http, username, course, structures, time, cancellationToken);
        return TypedResults.Ok(await StatusAsync(grain, course, tree, cancellationToken));
    }

    private static async Task<Results<Ok<CourseStatusResponse>, ValidationProblem, ProblemHttpResult>> PatchCourseStatusAsync(
        string username, [FromRoute(Name = "course_id")] string courseId, JsonElement body, HttpContext http, IGrainFactory grains,
        CourseStructures structures, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var course = OpaqueKeyInput.Course(courseId, out var keyError);
        if (course is null)
            errors["course_id"] = [keyError];
        var (moduleId, modificationDate) = PositionRequests.CourseStatus(body, errors);
        var module = moduleId is null ? null : XBlockHandlerKeys.BlockOf(course, moduleId, "last_visited_module_id", errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var courseKey = course!.ToString();
        var grain = grains.GetGrain<IStudentModuleGrain>(username);
        if (await LearnerAccess.DenyAsync(http, grain, username, courseKey, cancellationToken) is { } denied)
            return denied;
        var tree = await TreeAsync(http, username, courseKey, structures, time, cancellationToken);
        if (module is not null)
        {
            if (tree.Find(module.ToString()) is not { } block)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["last_visited_module_id"] = [$"'{module}' is not a block of the published course '{courseKey}'."],
                });
            }

            var positions = CourseStatus.PositionsUp(tree, block);
            if (positions.Count > 0)
            {
                var condition = modificationDate is { } date ? new PositionCondition(tree.Root.Id, date) : null;
                await grain.SavePositionsAsync(courseKey, positions, condition, CoursewareStateApi.UserAgent(http), cancellationToken);
            }
        }

        return TypedResults.Ok(await StatusAsync(grain, courseKey, tree, cancellationToken));
    }

    // The course as the route's user sees it: an administrator asking about themselves sees everything, anyone else's
    // view is a learner's.
    private static async Task<LearnerTree> TreeAsync(HttpContext http, string username, string courseKey, CourseStructures structures,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var staffView = OpenEdxClaims.IsAdministrator(http.User) && OpenEdxClaims.UsernameOf(http.User) == username;
        return new LearnerTree(await structures.GetAsync(courseKey, cancellationToken), staffView, time.GetUtcNow());
    }

    private static async Task<CourseStatusResponse> StatusAsync(IStudentModuleGrain grain, string courseKey, LearnerTree tree,
        CancellationToken cancellationToken)
    {
        var positions = await grain.GetPositionsAsync(courseKey, CourseStatus.PathPositionKeys(tree), cancellationToken);
        var path = CourseStatus.LastVisitedPath(tree, positions);
        return new CourseStatusResponse(path[0], path);
    }
}
