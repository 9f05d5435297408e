using System.Diagnostics.CodeAnalysis;

namespace Actors.Grains.Keys;

/// <summary>
/// The key of something learners learn in: a <see cref="CourseKey"/> (including CCX and the deprecated
/// <c>org/course/run</c> form), a v1 <see cref="LibraryKey"/> or a v2 <see cref="LibraryV2Key"/>: exactly what Open edX's
/// <c>LearningContextKey.from_string</c> accepts. Use the concrete type (<c>key is CourseKey</c>) where Open edX code
/// checks <c>is_course</c>. Keys are immutable and compare by value; <see cref="object.ToString"/> prints the key exactly
/// as it was parsed.
/// </summary>
public abstract record LearningContextKey
{
    private protected LearningContextKey()
    {
    }

    /// <summary>The organisation, e.g. <c>edX</c>.</summary>
    public abstract string Org { get; }

    /// <summary>Parses a course, v1 library or v2 library key.</summary>
    /// <exception cref="InvalidKeyException"><paramref name="text"/> is none of those.</exception>
    public static LearningContextKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out var key, out var error) ? key : throw new InvalidKeyException(text, KeyKind.LearningContext, error);
    }

    /// <summary>Parses a course, v1 library or v2 library key; false (and null) when <paramref name="text"/> is none of those.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out LearningContextKey? key)
    {
        key = null;
        return text is not null && TryRead(text, out key, out _);
    }

    private static bool TryRead(string text, [NotNullWhen(true)] out LearningContextKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (!KeyNamespace.TrySplit(text, out var ns, out _) || ns.Contains('/') || ns is KeyNamespace.Course or KeyNamespace.Ccx)
        {
            var parsed = CourseKey.TryRead(text, out var course, out error);
            key = course;
            return parsed;
        }
        if (ns is KeyNamespace.Library)
        {
            var parsed = LibraryKey.TryRead(text, out var library, out error);
            key = library;
            return parsed;
        }
        if (ns is KeyNamespace.LibraryV2)
        {
            var parsed = LibraryV2Key.TryRead(text, out var library, out error);
            key = library;
            return parsed;
        }
        error = KeyNamespace.Mismatch(ns, KeyKind.LearningContext);
        return false;
    }
}
