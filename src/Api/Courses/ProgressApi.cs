using System.Globalization;
using Actors.Api.Auth;
using Actors.Api.Enrollments;
using Actors.Grains.Courses.Progress;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Api.Courses;

/// <summary>
/// <c>GET /api/course_home/v1/progress/{course_key}/{username}</c>: the learner's scores in Open edX's progress-tab shape
/// (<see cref="CourseProgress"/>), from the course's current collected structure (its max scores are collected once
/// per version) and the learner's stored <c>grade</c>/<c>max_grade</c>. The learner themself or staff. As Open edX's
/// <c>ProgressTabView</c>: an unpublished course is 404; a learner without an active enrollment is 401 "User not
/// enrolled." (the learning MFE shows an empty tab), while staff get the scores of any user, enrolled or not.
/// See <c>docs/learner-state.md</c>.
/// </summary>
internal static class ProgressApi
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapProgress(this IEndpointRouteBuilder routes) =>
        routes.MapGet($"/api/course_home/v1/progress/{{course_key}}/{{{ApiPolicies.UsernameRouteValue}}}", GetProgressAsync)
            .WithTags("Courses").RequireOwnUserOrAdministrator().DisableValidation()
            .Produces<CourseProgress>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetProgressAsync(
        [FromRoute(Name = "course_key")] string courseKey, string username, HttpContext http, IGrainFactory grains,
        CourseStructures structures, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OpaqueKeyInput.CourseId(courseKey, out var keyError) is not { } courseId)
            return CoursesApi.InvalidCourseKey(keyError);

        var isStaff = OpenEdxClaims.IsAdministrator(http.User);
        var course = await structures.GetAsync(courseId, cancellationToken);
        var learner = grains.GetGrain<IStudentModuleGrain>(username);
        var enrollmentTask = learner.GetEnrollmentAsync(courseId, cancellationToken);
        var scoresTask = learner.GetScoresAsync(courseId, cancellationToken);
        var enrollment = await enrollmentTask;
        var scores = await scoresTask;
        var active = enrollment is { IsActive: true };
        if (!active && !isStaff)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "User not enrolled.",
                detail: $"'{username}' is not enrolled in '{courseId}'.");

        http.Response.Headers[NavigationApi.StructureVersionHeader] = course.Version.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-cache, private";
        return TypedResults.Ok(ProgressCalculator.Compute(course, username, enrollment?.Mode, scores, isStaff, time.GetUtcNow()));
    }
}
