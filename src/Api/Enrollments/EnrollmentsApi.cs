using Actors.Api.Auth;
using Actors.Api.Courseware;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Api.Enrollments;

/// <summary>
/// <c>/api/enrollment/v1</c>, Open edX's enrollment API: enroll or unenroll (<c>POST .../enrollment</c> with
/// <c>is_active</c>), read one enrollment (<c>GET .../enrollment/{username},{course_id}</c>) and list a learner's active
/// enrollments (<c>GET .../enrollment?user=</c>). A learner reaches only their own enrollments; an administrator reaches
/// everyone's. A write from a crawler's User-Agent answers the enrollment it would have made, without storing it.
/// </summary>
internal static class EnrollmentsApi
{
    /// <summary>Django's username length.</summary>
    public const int MaxUsernameLength = 150;

    public static RouteGroupBuilder MapEnrollments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/enrollment/v1").WithTags("Enrollments");
        group.MapPost("/enrollment", PostAsync);
        group.MapGet("/enrollment", ListAsync);
        group.MapGet($"/enrollment/{{{ApiPolicies.UsernameRouteValue}}},{{course_id}}", GetAsync).RequireOwnUserOrAdministrator();
        return group;
    }

    /// <summary>Creates or updates the enrollment; <c>"is_active": false</c> unenrolls. Answers the enrollment as stored.</summary>
    private static async Task<Results<Ok<EnrollmentResponse>, ValidationProblem, ProblemHttpResult>> PostAsync(
        EnrollmentRequest request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var username = request.User ?? OpenEdxClaims.UsernameOf(http.User);
        var errors = new Dictionary<string, string[]>();
        if (UsernameError(username) is { } userError)
            errors["user"] = [userError];
        if (request.Mode is not null && !EnrollmentModes.IsValid(request.Mode))
            errors["mode"] = [$"'{request.Mode}' is not an enrollment mode: a lower-case slug such as audit or verified."];
        var courseId = OpaqueKeyInput.CourseId(request.CourseDetails?.CourseId, out var courseError);
        if (courseId is null)
            errors["course_details.course_id"] = [courseError];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (!ApiPolicies.IsOwnUserOrAdministrator(http.User, username))
            return Forbidden("A learner may only enroll or unenroll themselves.");

        var grain = grains.GetGrain<IStudentModuleGrain>(username!);
        var mode = request.Mode ?? (await grain.GetEnrollmentAsync(courseId!, cancellationToken))?.Mode ?? EnrollmentModes.Audit;
        var enrollment = await grain.EnrollAsync(courseId!, mode, request.IsActive ?? true, CoursewareStateApi.UserAgent(http), cancellationToken);
        return TypedResults.Ok(EnrollmentResponse.From(enrollment));
    }

    /// <summary>One enrollment, active or not; 404 when the learner never enrolled in the course.</summary>
    private static async Task<Results<Ok<EnrollmentResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string username, [FromRoute(Name = "course_id")] string courseId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var course = OpaqueKeyInput.CourseId(courseId, out var courseError);
        if (course is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["course_id"] = [courseError] });
        var enrollment = await grains.GetGrain<IStudentModuleGrain>(username).GetEnrollmentAsync(course, cancellationToken);
        return enrollment is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"'{username}' has no enrollment in '{course}'.")
            : TypedResults.Ok(EnrollmentResponse.From(enrollment));
    }

    /// <summary>The learner's active enrollments, newest first (Open edX's list, a bare JSON array); <c>user</c> defaults
    /// to the token's user.</summary>
    private static async Task<Results<Ok<IReadOnlyList<EnrollmentResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, string? user = null)
    {
        var username = user ?? OpenEdxClaims.UsernameOf(http.User);
        if (UsernameError(username) is { } userError)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["user"] = [userError] });
        if (!ApiPolicies.IsOwnUserOrAdministrator(http.User, username))
            return Forbidden("A learner may only list their own enrollments.");
        var enrollments = await grains.GetGrain<IStudentModuleGrain>(username!).GetEnrollmentsAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<EnrollmentResponse>>(enrollments.Where(e => e.IsActive).Select(EnrollmentResponse.From).ToList());
    }

    private static string? UsernameError(string? username) => username switch
    {
        null or "" => "Required: the token names no user, so the body must.",
        { Length: > MaxUsernameLength } => $"At most {MaxUsernameLength} characters.",
        _ when username.Any(char.IsControl) => "Must not contain control characters.",
        _ => null,
    };

    internal static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
