using Actors.Api.Auth;
using Actors.Api.Enrollments;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Api.Positions;

/// <summary>Who may read or write a learner's positions and completions in a course, as <c>publish_completion</c>
/// decides: an administrator always; otherwise the learner needs an active enrollment in the course.</summary>
internal static class LearnerAccess
{
    /// <summary>A 403 for a learner without an active enrollment in <paramref name="courseKey"/>; null when allowed.</summary>
    public static async Task<ProblemHttpResult?> DenyAsync(HttpContext http, IStudentModuleGrain learner, string username, string courseKey,
        CancellationToken cancellationToken)
    {
        if (OpenEdxClaims.IsAdministrator(http.User))
            return null;
        return await learner.GetEnrollmentAsync(courseKey, cancellationToken) is { IsActive: true }
            ? null
            : EnrollmentsApi.Forbidden($"'{username}' is not enrolled in '{courseKey}'.");
    }
}
