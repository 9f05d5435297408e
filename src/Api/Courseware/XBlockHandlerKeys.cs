using Actors.Api.Enrollments;
using Actors.Grains.Keys;

namespace Actors.Api.Courseware;

/// <summary>The keys of an LMS XBlock handler path, <c>/courses/{course_id}/xblock/{usage_key}/handler/…</c>: the course
/// (<c>course-v1:</c> or <c>Org/Course/Run</c>) and a block of it (an <c>i4x://</c> key is mapped into the course's run,
/// as Open edX's views do). Errors go under <c>course_id</c> and <c>usage_key</c>.</summary>
internal static class XBlockHandlerKeys
{
    public static (CourseKey Course, UsageKey Block)? Read(string courseId, string usageKey, Dictionary<string, string[]> errors)
    {
        var course = OpaqueKeyInput.Course(courseId, out var courseError);
        if (course is null)
            errors["course_id"] = [courseError];
        var block = BlockOf(course, usageKey, "usage_key", errors);
        return course is null || block is null ? null : (course, block);
    }

    /// <summary>The block <paramref name="usageKey"/> of <paramref name="course"/> (null when the course is not known),
    /// or an error under <paramref name="field"/>.</summary>
    public static UsageKey? BlockOf(CourseKey? course, string? usageKey, string field, Dictionary<string, string[]> errors)
    {
        if (OpaqueKeyInput.Usage(usageKey, out var usageError) is not { } usage)
        {
            errors[field] = [usageError];
            return null;
        }

        var key = UsageKey.Parse(usage.UsageKey);
        if (course is null)
            return null;
        if (!key.IsIn(course))
        {
            errors[field] = [$"'{usage.UsageKey}' belongs to '{usage.CourseId}', not to '{course}'."];
            return null;
        }

        return key.MapIntoCourse(course);
    }
}
