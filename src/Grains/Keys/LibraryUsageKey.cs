using System.Diagnostics.CodeAnalysis;

namespace Actors.Grains.Keys;

/// <summary>
/// A block in a v1 content library: <c>lib-block-v1:{org}+{library}[+branch@…][+version@…]+type@{type}+block@{id}</c>.
/// Types and ids are letters, numbers (Unicode), <c>_ - ~ . :</c> (no <c>%</c>); never deprecated.
/// </summary>
public sealed record LibraryUsageKey
{
    private readonly string _text;

    internal LibraryUsageKey(LibraryKey libraryKey, string blockType, string blockId)
    {
        LibraryKey = libraryKey;
        BlockType = blockType;
        BlockId = blockId;
        _text = $"{KeyNamespace.LibraryBlock}:{libraryKey.Body}+type@{blockType}+block@{blockId}";
    }

    /// <summary>The library the block is in (Open edX: <c>library_key</c>, also its <c>course_key</c> and <c>context_key</c>).</summary>
    public LibraryKey LibraryKey { get; }

    /// <summary>The XBlock type, e.g. <c>problem</c>.</summary>
    public string BlockType { get; }

    /// <summary>The block id within the library.</summary>
    public string BlockId { get; }

    /// <summary>Parses a <c>lib-block-v1:</c> key.</summary>
    /// <exception cref="InvalidKeyException"><paramref name="text"/> is not one.</exception>
    public static LibraryUsageKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out var key, out var error) ? key : throw new InvalidKeyException(text, KeyKind.LibraryUsage, error);
    }

    /// <summary>Parses a <c>lib-block-v1:</c> key; false (and null) when <paramref name="text"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out LibraryUsageKey? key)
    {
        key = null;
        return text is not null && TryRead(text, out key, out _);
    }

    /// <summary>The key exactly as parsed.</summary>
    public override string ToString() => _text;

    private static bool TryRead(string text, [NotNullWhen(true)] out LibraryUsageKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (!KeyNamespace.TrySplit(text, out var ns, out var body) || ns is not KeyNamespace.LibraryBlock)
        {
            error = !text.Contains(':') ? $"expected {LocatorShape.LibraryBlock.Format}" : KeyNamespace.Mismatch(ns, KeyKind.LibraryUsage);
            return false;
        }
        if (!LocatorReader.TryRead(body, LocatorShape.LibraryBlock, out var parts, out error))
            return false;
        key = new LibraryUsageKey(LibraryKey.FromParts(parts), parts["type"], parts["block"]);
        return true;
    }
}
