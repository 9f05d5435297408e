using System.Buffers;
using System.Globalization;
using System.Text;

namespace Actors.Grains.Keys;

/// <summary>The character classes of Open edX's opaque keys (opaque_keys/edx/locator.py).</summary>
internal enum CharSet
{
    /// <summary><c>[\w\-~.:]</c>: course-v1/library-v1 parts, branches, block types and block ids.</summary>
    LocatorId,

    /// <summary><c>[\w\-~.:%]</c>: block types, block ids and revisions of deprecated <c>i4x://</c> keys.</summary>
    DeprecatedId,

    /// <summary><c>[\w.%-]</c>: the parts of a deprecated <c>org/course/run</c> course key (so no <c>:</c> or <c>~</c>).</summary>
    DeprecatedCoursePart,

    /// <summary><c>[a-zA-Z0-9_\-.]</c>: v2 library orgs and <c>lb:</c> block types.</summary>
    AsciiId,

    /// <summary><c>[\w\-.]</c>: v2 library slugs and <c>lb:</c> usage ids.</summary>
    V2Id,
}

/// <summary>
/// Checks key parts against <see cref="CharSet"/>s and quotes text for error messages. <c>\w</c> is Python's Unicode
/// <c>\w</c>, which opaque-keys' regexes use: letters (Lu, Ll, Lt, Lm, Lo), numbers (Nd, Nl, No) and <c>_</c>. Unlike
/// .NET's <c>\w</c> it excludes combining marks (Mn, Mc) and connector punctuation other than <c>_</c>. Checks work on
/// code points, so letters outside the BMP count as one character and an unpaired surrogate is rejected.
/// </summary>
internal static class KeyChars
{
    private const int MaxQuotedLength = 200;

    /// <summary>Returns why <paramref name="value"/> is not a non-empty string of <paramref name="set"/>, or null.</summary>
    public static string? Check(string field, string value, CharSet set)
    {
        if (value.Length == 0)
            return $"the {field} is empty";
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
                return $"the {field} {Quote(value)} contains an unpaired surrogate (U+{(int)value[i]:X4})";
            if (!IsAllowed(rune, set))
                return $"the {field} {Quote(value)} contains {Describe(rune)}, which is not allowed (allowed: {Allowed(set)})";
            i += used;
        }
        return null;
    }

    /// <summary>Returns why <paramref name="value"/> is not a split-modulestore version: 24 lowercase hex digits.</summary>
    public static string? CheckVersionGuid(string value) =>
        value.Length == 24 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? null
            : $"the version {Quote(value)} is not 24 lowercase hex digits";

    /// <summary>Returns why <paramref name="value"/> is not a CCX id: one or more ASCII digits.</summary>
    public static string? CheckCcxId(string value) =>
        value.Length > 0 && value.All(char.IsAsciiDigit) ? null : $"the CCX id {Quote(value)} is not a number (ASCII digits)";

    /// <summary>Single-quotes <paramref name="text"/> for a message, escaping backslashes, control and format characters
    /// (so <c>"a\n"</c> shows as <c>'a\n'</c>) and shortening it past 200 characters.</summary>
    public static string Quote(string text)
    {
        var shown = text.Length > MaxQuotedLength ? text[..MaxQuotedLength] : text;
        var builder = new StringBuilder("'");
        for (var i = 0; i < shown.Length;)
        {
            if (Rune.DecodeFromUtf16(shown.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
                builder.Append($@"\u{(int)shown[i]:X4}");
            else if (rune.Value is '\\')
                builder.Append(@"\\");
            else if (rune.Value is '\n')
                builder.Append(@"\n");
            else if (rune.Value is '\r')
                builder.Append(@"\r");
            else if (rune.Value is '\t')
                builder.Append(@"\t");
            else if (rune.Value != ' ' && IsInvisible(Rune.GetUnicodeCategory(rune)))
                builder.Append($@"\u{rune.Value:X4}");
            else
                builder.Append(rune.ToString());
            i += used;
        }
        builder.Append(text.Length > MaxQuotedLength ? $"…' ({text.Length} characters)" : "'");
        return builder.ToString();
    }

    /// <summary>A character for a message: <c>'%' (U+0025)</c>, or just <c>U+0301</c> for one that does not show on its own.</summary>
    private static string Describe(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            ? $"U+{rune.Value:X4}"
            : $"{Quote(rune.ToString())} (U+{rune.Value:X4})";

    private static bool IsInvisible(UnicodeCategory category) => category is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator;

    private static bool IsAllowed(Rune rune, CharSet set) => set switch
    {
        CharSet.LocatorId => IsWord(rune) || rune.Value is '-' or '~' or '.' or ':',
        CharSet.DeprecatedId => IsWord(rune) || rune.Value is '-' or '~' or '.' or ':' or '%',
        CharSet.DeprecatedCoursePart => IsWord(rune) || rune.Value is '.' or '%' or '-',
        CharSet.AsciiId => rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '_' or '-' or '.'),
        CharSet.V2Id => IsWord(rune) || rune.Value is '-' or '.',
        _ => false,
    };

    private static bool IsWord(Rune rune) => rune.Value == '_' || Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static string Allowed(CharSet set) => set switch
    {
        CharSet.LocatorId => "letters, numbers, '_', '-', '~', '.', ':'",
        CharSet.DeprecatedId => "letters, numbers, '_', '-', '~', '.', ':', '%'",
        CharSet.DeprecatedCoursePart => "letters, numbers, '_', '-', '.', '%'",
        CharSet.AsciiId => "ASCII letters and digits, '_', '-', '.'",
        CharSet.V2Id => "letters, numbers, '_', '-', '.'",
        _ => set.ToString(),
    };
}
