using System.Text.Json.Serialization;
using Actors.Grains.Students;

namespace Actors.Api.Enrollments;

/// <summary>An enrollment in Open edX's shape (<c>CourseEnrollmentSerializer</c>, of which <c>course_details</c> carries
/// only the course key here).</summary>
/// <param name="Created">When the learner first enrolled (kept across unenrolling and re-enrolling).</param>
/// <param name="Mode">The enrollment mode.</param>
/// <param name="IsActive">False once the learner unenrolled.</param>
/// <param name="CourseDetails">The course.</param>
/// <param name="User">The learner's username.</param>
public sealed record EnrollmentResponse(
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("course_details")] CourseDetails CourseDetails,
    [property: JsonPropertyName("user")] string User)
{
    internal static EnrollmentResponse From(Enrollment enrollment) =>
        new(enrollment.Created, enrollment.Mode, enrollment.IsActive, new CourseDetails(enrollment.CourseId), enrollment.Username);
}
