using System.Diagnostics.CodeAnalysis;

namespace Actors.Grains.Keys;

/// <summary>
/// A block in a v2 content library: <c>lb:{org}:{slug}:{type}:{id}</c>, e.g. <c>lb:OpenedX:demo-lib:problem:p1</c>.
/// Org and type are ASCII letters and digits, <c>_ - .</c>; slug and id are letters, numbers (Unicode), <c>_ - .</c>;
/// exactly four parts. Open edX's state for such a block is keyed by its <see cref="LibraryKey"/> as the context.
/// </summary>
public sealed record LibraryV2BlockKey
{
    private const string Expected = "expected lb:{org}:{slug}:{type}:{id}";

    internal LibraryV2BlockKey(LibraryV2Key libraryKey, string blockType, string blockId)
    {
        LibraryKey = libraryKey;
        BlockType = blockType;
        BlockId = blockId;
    }

    /// <summary>The library the block is in (Open edX: <c>lib_key</c>, also its <c>context_key</c>).</summary>
    public LibraryV2Key LibraryKey { get; }

    /// <summary>The XBlock type, e.g. <c>problem</c>.</summary>
    public string BlockType { get; }

    /// <summary>The block's id in the library (Open edX: <c>usage_id</c>, also <c>block_id</c>).</summary>
    public string BlockId { get; }

    /// <summary>Parses an <c>lb:</c> key.</summary>
    /// <exception cref="InvalidKeyException"><paramref name="text"/> is not one.</exception>
    public static LibraryV2BlockKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out var key, out var error) ? key : throw new InvalidKeyException(text, KeyKind.LibraryV2Block, error);
    }

    /// <summary>Parses an <c>lb:</c> key; false (and null) when <paramref name="text"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out LibraryV2BlockKey? key)
    {
        key = null;
        return text is not null && TryRead(text, out key, out _);
    }

    /// <summary>The key exactly as parsed.</summary>
    public override string ToString() => $"{KeyNamespace.LibraryV2Block}:{LibraryKey.Org}:{LibraryKey.Slug}:{BlockType}:{BlockId}";

    internal static string? Check(string blockType, string blockId) =>
        KeyChars.Check("block type", blockType, CharSet.AsciiId) ?? KeyChars.Check("block id", blockId, CharSet.V2Id);

    private static bool TryRead(string text, [NotNullWhen(true)] out LibraryV2BlockKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (!KeyNamespace.TrySplit(text, out var ns, out var body) || ns is not KeyNamespace.LibraryV2Block)
        {
            error = !text.Contains(':') ? Expected : KeyNamespace.Mismatch(ns, KeyKind.LibraryV2Block);
            return false;
        }
        var parts = body.Split(':');
        error = parts.Length != 4
            ? $"{Expected} (exactly four parts after 'lb:', got {parts.Length})"
            : LibraryV2Key.Check(parts[0], parts[1]) ?? Check(parts[2], parts[3]);
        if (error is not null)
            return false;
        key = new LibraryV2BlockKey(new LibraryV2Key(parts[0], parts[1]), parts[2], parts[3]);
        return true;
    }
}
