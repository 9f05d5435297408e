using System.Diagnostics.CodeAnalysis;

namespace Actors.Grains.Keys;

/// <summary>
/// A v2 (Learning Core) content library: <c>lib:{org}:{slug}</c>, e.g. <c>lib:OpenedX:demo-lib</c>. The org is ASCII
/// letters and digits, <c>_ - .</c>; the slug is letters, numbers (Unicode), <c>_ - .</c>; exactly one <c>:</c> after the
/// namespace. A <see cref="LearningContextKey"/>, not a <see cref="CourseKey"/>.
/// </summary>
public sealed record LibraryV2Key : LearningContextKey
{
    private const string Expected = "expected lib:{org}:{slug}";

    internal LibraryV2Key(string org, string slug)
    {
        Org = org;
        Slug = slug;
    }

    /// <inheritdoc/>
    public override string Org { get; }

    /// <summary>The library's slug, e.g. <c>demo-lib</c>.</summary>
    public string Slug { get; }

    /// <summary>The key of a block in this library: <c>lb:{org}:{slug}:{type}:{id}</c>.</summary>
    /// <exception cref="InvalidKeyException">The type is not ASCII letters, digits, <c>_ - .</c>, or the id not letters,
    /// numbers, <c>_ - .</c>.</exception>
    public LibraryV2BlockKey MakeUsageKey(string blockType, string blockId)
    {
        ArgumentNullException.ThrowIfNull(blockType);
        ArgumentNullException.ThrowIfNull(blockId);
        var key = new LibraryV2BlockKey(this, blockType, blockId);
        var error = LibraryV2BlockKey.Check(blockType, blockId);
        return error is null ? key : throw new InvalidKeyException(key.ToString(), KeyKind.LibraryV2Block, error);
    }

    /// <summary>Parses a <c>lib:</c> key.</summary>
    /// <exception cref="InvalidKeyException"><paramref name="text"/> is not one.</exception>
    public static new LibraryV2Key Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out var key, out var error) ? key : throw new InvalidKeyException(text, KeyKind.LibraryV2, error);
    }

    /// <summary>Parses a <c>lib:</c> key; false (and null) when <paramref name="text"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out LibraryV2Key? key)
    {
        key = null;
        return text is not null && TryRead(text, out key, out _);
    }

    /// <summary>The key exactly as parsed.</summary>
    public override string ToString() => $"{KeyNamespace.LibraryV2}:{Org}:{Slug}";

    internal static bool TryRead(string text, [NotNullWhen(true)] out LibraryV2Key? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (!KeyNamespace.TrySplit(text, out var ns, out var body) || ns is not KeyNamespace.LibraryV2)
        {
            error = !text.Contains(':') ? Expected : KeyNamespace.Mismatch(ns, KeyKind.LibraryV2);
            return false;
        }
        var parts = body.Split(':');
        error = parts.Length != 2 ? $"{Expected} (exactly two parts after 'lib:', got {parts.Length})" : Check(parts[0], parts[1]);
        if (error is not null)
            return false;
        key = new LibraryV2Key(parts[0], parts[1]);
        return true;
    }

    internal static string? Check(string org, string slug) =>
        KeyChars.Check("org", org, CharSet.AsciiId) ?? KeyChars.Check("slug", slug, CharSet.V2Id);
}
