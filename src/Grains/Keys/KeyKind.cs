namespace Actors.Grains.Keys;

/// <summary>The kinds of Open edX opaque key this service parses; <see cref="InvalidKeyException.KeyKind"/> says which one
/// a caller asked for.</summary>
public enum KeyKind
{
    /// <summary>A <see cref="Keys.CourseKey"/>: <c>course-v1:</c>, <c>ccx-v1:</c> or the deprecated <c>org/course/run</c>.</summary>
    Course,

    /// <summary>A <see cref="Keys.UsageKey"/>: <c>block-v1:</c>, <c>ccx-block-v1:</c> or the deprecated <c>i4x://</c>.</summary>
    Usage,

    /// <summary>A <see cref="Keys.LibraryKey"/>: <c>library-v1:</c>.</summary>
    Library,

    /// <summary>A <see cref="Keys.LibraryUsageKey"/>: <c>lib-block-v1:</c>.</summary>
    LibraryUsage,

    /// <summary>A <see cref="Keys.LibraryV2Key"/>: <c>lib:</c>.</summary>
    LibraryV2,

    /// <summary>A <see cref="Keys.LibraryV2BlockKey"/>: <c>lb:</c>.</summary>
    LibraryV2Block,

    /// <summary>A <see cref="Keys.LearningContextKey"/>: a course, a v1 library or a v2 library.</summary>
    LearningContext,
}

internal static class KeyKindText
{
    /// <summary>The kind as the noun used in error messages, e.g. "course key".</summary>
    public static string Describe(this KeyKind kind) => kind switch
    {
        KeyKind.Course => "course key",
        KeyKind.Usage => "usage key",
        KeyKind.Library => "v1 library key",
        KeyKind.LibraryUsage => "v1 library usage key",
        KeyKind.LibraryV2 => "v2 library key",
        KeyKind.LibraryV2Block => "v2 library block key",
        KeyKind.LearningContext => "learning context key",
        _ => kind.ToString(),
    };
}
