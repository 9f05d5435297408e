using System.Diagnostics.CodeAnalysis;

namespace Actors.Grains.Keys;

/// <summary>
/// A v1 (modulestore) content library: <c>library-v1:{org}+{library}[+branch@{branch}][+version@{24 hex}]</c>, e.g.
/// <c>library-v1:OpenedX+DemoRespiratoryQuestions</c>. Parts are letters, numbers (Unicode), <c>_ - ~ . :</c>; never
/// deprecated. In Open edX this is a <c>CourseKey</c> with <c>is_course = False</c>; here it is its own
/// <see cref="LearningContextKey"/>, so <see cref="CourseKey.Parse"/> rejects it.
/// </summary>
public sealed record LibraryKey : LearningContextKey
{
    private readonly string _text;

    internal LibraryKey(string org, string library, string? branch, string? versionGuid)
    {
        Org = org;
        Library = library;
        Branch = branch;
        VersionGuid = versionGuid;
        _text = $"{KeyNamespace.Library}:{Body}";
    }

    /// <inheritdoc/>
    public override string Org { get; }

    /// <summary>The library's name, e.g. <c>DemoRespiratoryQuestions</c>.</summary>
    public string Library { get; }

    /// <summary>The modulestore branch (<c>+branch@…</c>); usually null.</summary>
    public string? Branch { get; }

    /// <summary>The structure version (<c>+version@…</c>, 24 lowercase hex digits); usually null.</summary>
    public string? VersionGuid { get; }

    /// <summary>The text after the namespace: <c>org+library[+branch@…][+version@…]</c>.</summary>
    internal string Body => $"{Org}+{Library}"
        + (Branch is null ? "" : $"+branch@{Branch}")
        + (VersionGuid is null ? "" : $"+version@{VersionGuid}");

    /// <summary>The usage key of a block in this library: <c>lib-block-v1:{org}+{library}[…]+type@{type}+block@{id}</c>.</summary>
    /// <exception cref="InvalidKeyException">The type or id has a character outside letters, numbers, <c>_ - ~ . :</c>.</exception>
    public LibraryUsageKey MakeUsageKey(string blockType, string blockId)
    {
        ArgumentNullException.ThrowIfNull(blockType);
        ArgumentNullException.ThrowIfNull(blockId);
        var key = new LibraryUsageKey(this, blockType, blockId);
        var error = KeyChars.Check("block type", blockType, CharSet.LocatorId) ?? KeyChars.Check("block id", blockId, CharSet.LocatorId);
        return error is null ? key : throw new InvalidKeyException(key.ToString(), KeyKind.LibraryUsage, error);
    }

    /// <summary>Parses a <c>library-v1:</c> key.</summary>
    /// <exception cref="InvalidKeyException"><paramref name="text"/> is not one.</exception>
    public static new LibraryKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out var key, out var error) ? key : throw new InvalidKeyException(text, KeyKind.Library, error);
    }

    /// <summary>Parses a <c>library-v1:</c> key; false (and null) when <paramref name="text"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out LibraryKey? key)
    {
        key = null;
        return text is not null && TryRead(text, out key, out _);
    }

    /// <summary>The key exactly as parsed.</summary>
    public override string ToString() => _text;

    internal static bool TryRead(string text, [NotNullWhen(true)] out LibraryKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (!KeyNamespace.TrySplit(text, out var ns, out var body) || ns is not KeyNamespace.Library)
        {
            error = !text.Contains(':') ? $"expected {LocatorShape.Library.Format}" : KeyNamespace.Mismatch(ns, KeyKind.Library);
            return false;
        }
        if (!LocatorReader.TryRead(body, LocatorShape.Library, out var parts, out error))
            return false;
        key = FromParts(parts);
        return true;
    }

    /// <summary>The library named by the parts of a locator read by <see cref="LocatorReader"/>.</summary>
    internal static LibraryKey FromParts(IReadOnlyDictionary<string, string> parts) =>
        new(parts["org"], parts["library"], parts.GetValueOrDefault("branch"), parts.GetValueOrDefault("version"));
}
