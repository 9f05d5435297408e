using Actors.Grains.Keys;
using Actors.Grains.Students;

namespace Actors.Api.Enrollments;

/// <summary>Course and usage keys as they arrive in requests: parsed exactly (no trimming, no case folding), with a
/// message for the caller when they are not keys. Shared by the enrollment and completion endpoints.</summary>
internal static class OpaqueKeyInput
{
    /// <summary>The course key in <paramref name="value"/>, in its canonical string form; or null and an
    /// <paramref name="error"/> for the caller.</summary>
    public static string? CourseId(string? value, out string error) => Course(value, out error)?.ToString();

    /// <summary>The course key in <paramref name="value"/>: <c>course-v1:Org+Course+Run</c> (or <c>ccx-v1:</c>) or the
    /// deprecated <c>Org/Course/Run</c>, which Open edX keeps as a different key of its own (so here a different course).
    /// A deprecated key must name its run: <c>Org/Course/</c> is only ever the course of an <c>i4x://</c> usage key, and
    /// Open edX's URL patterns do not match it. Null and an <paramref name="error"/> when it is not a course key.</summary>
    public static CourseKey? Course(string? value, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(value))
            error = "Required: a course key such as course-v1:Org+Course+Run.";
        else if (value.Length > StudentModuleLimits.MaxKeyLength)
            error = $"A course key is at most {StudentModuleLimits.MaxKeyLength} characters.";
        else if (!CourseKey.TryParse(value, out var key))
            error = $"'{Shorten(value)}' is not a course key (course-v1:Org+Course+Run or Org/Course/Run).";
        else if (key.Run.Length == 0)
            error = $"'{Shorten(value)}' names no run: a deprecated course key is Org/Course/Run.";
        else
            return key;
        return null;
    }

    /// <summary>The usage key in <paramref name="value"/> (canonical string), its block type, and the course key it
    /// belongs to; or null and an <paramref name="error"/> for the caller.</summary>
    public static (string UsageKey, string BlockType, string CourseId)? Usage(string? value, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(value))
            error = "Required: a usage key such as block-v1:Org+Course+Run+type@problem+block@b1.";
        else if (value.Length > StudentModuleLimits.MaxKeyLength)
            error = $"A usage key is at most {StudentModuleLimits.MaxKeyLength} characters.";
        else if (!UsageKey.TryParse(value, out var key))
            error = $"'{Shorten(value)}' is not a usage key (block-v1:Org+Course+Run+type@T+block@B).";
        else if (key.BlockType.Length > StudentModuleLimits.MaxBlockTypeLength)
            error = $"The block type is longer than {StudentModuleLimits.MaxBlockTypeLength} characters.";
        else
            return (key.ToString(), key.BlockType, key.CourseKey.ToString());
        return null;
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
