using System.Text.Json.Serialization;

namespace Actors.Api.Enrollments;

/// <summary>The body of <c>POST /api/enrollment/v1/enrollment</c>, in Open edX's shape.</summary>
/// <param name="User">The learner; the token's user when omitted. Only administrators may name someone else.</param>
/// <param name="Mode">The enrollment mode (a lower-case slug); when omitted, an existing enrollment keeps its mode and a
/// new one is <c>audit</c>.</param>
/// <param name="IsActive">False unenrolls; true when omitted.</param>
/// <param name="CourseDetails">The course: <c>{"course_id": "course-v1:Org+Course+Run"}</c>.</param>
public sealed record EnrollmentRequest(
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("mode")] string? Mode,
    [property: JsonPropertyName("is_active")] bool? IsActive,
    [property: JsonPropertyName("course_details")] CourseDetails? CourseDetails);

/// <summary>The course part of an enrollment (Open edX's <c>course_details</c>; only the key is known here).</summary>
/// <param name="CourseId">The course key.</param>
public sealed record CourseDetails([property: JsonPropertyName("course_id")] string? CourseId);
