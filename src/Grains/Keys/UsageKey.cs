using System.Diagnostics.CodeAnalysis;

namespace Actors.Grains.Keys;

/// <summary>
/// A block in a course, in one of three forms (openedx.md §e):
/// <list type="bullet">
/// <item><c>block-v1:{org}+{course}+{run}[+branch@…][+version@…]+type@{type}+block@{id}</c>, e.g.
/// <c>block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions</c>;</item>
/// <item>a block in a CCX: <c>ccx-block-v1:{org}+{course}+{run}[+branch@…][+version@…]+ccx@{id}+type@{type}+block@{id}</c>;</item>
/// <item>the deprecated <c>i4x://{org}/{course}/{type}/{id}[@{revision}]</c>, which is how usage keys of a deprecated
/// course print. It does not say the run, so <see cref="CourseKey"/> then has an empty <see cref="CourseKey.Run"/> (Open
/// edX: <c>None</c>); use <see cref="MapIntoCourse"/> with the course from the request, as Open edX views do.</item>
/// </list>
/// Block types and ids are letters, numbers (Unicode), <c>_ - ~ . :</c>; in the <c>i4x://</c> form also <c>%</c>.
/// Nothing is trimmed, decoded or case-folded, and <see cref="ToString"/> prints the key exactly as parsed.
/// </summary>
public sealed record UsageKey
{
    private readonly string _text;

    internal UsageKey(CourseKey courseKey, string blockType, string blockId)
    {
        CourseKey = courseKey;
        BlockType = blockType;
        BlockId = blockId;
        _text = courseKey.IsDeprecated
            ? $"i4x://{courseKey.Org}/{courseKey.Course}/{blockType}/{blockId}{(courseKey.Branch is null ? "" : $"@{courseKey.Branch}")}"
            : $"{(courseKey.IsCcx ? KeyNamespace.CcxBlock : KeyNamespace.Block)}:{courseKey.Body}+type@{blockType}+block@{blockId}";
    }

    /// <summary>The course the block is in (Open edX: <c>course_key</c>, also its <c>context_key</c>).</summary>
    public CourseKey CourseKey { get; }

    /// <summary>The XBlock type, e.g. <c>sequential</c>.</summary>
    public string BlockType { get; }

    /// <summary>The block id within the course (the OLX <c>url_name</c>), e.g. <c>basic_questions</c>.</summary>
    public string BlockId { get; }

    /// <summary>The same block in <paramref name="courseKey"/> (Open edX: <c>map_into_course</c>).</summary>
    /// <exception cref="InvalidKeyException">The type or id is not allowed in that course's form (e.g. <c>%</c> outside i4x).</exception>
    public UsageKey MapIntoCourse(CourseKey courseKey)
    {
        ArgumentNullException.ThrowIfNull(courseKey);
        return courseKey.MakeUsageKey(BlockType, BlockId);
    }

    /// <summary>Whether this block is in <paramref name="courseKey"/>: its course is that key, or, for an <c>i4x://</c> key
    /// (which has no run) without a revision, <paramref name="courseKey"/> is the deprecated course with the same org and
    /// course (Open edX compares after <c>map_into_course</c>). A <c>block-v1:</c> key is never in a deprecated course, nor
    /// an <c>i4x://</c> key in a <c>course-v1:</c> one.</summary>
    public bool IsIn(CourseKey courseKey)
    {
        ArgumentNullException.ThrowIfNull(courseKey);
        if (CourseKey.IsDeprecated && CourseKey.Run.Length == 0)
        {
            return courseKey.IsDeprecated && CourseKey.Branch is null && courseKey.Branch is null
                   && string.Equals(CourseKey.Org, courseKey.Org, StringComparison.Ordinal)
                   && string.Equals(CourseKey.Course, courseKey.Course, StringComparison.Ordinal);
        }

        return string.Equals(CourseKey.ToString(), courseKey.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Parses a <c>block-v1:</c>, <c>ccx-block-v1:</c> or <c>i4x://</c> key.</summary>
    /// <exception cref="InvalidKeyException"><paramref name="text"/> is not one.</exception>
    public static UsageKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out var key, out var error) ? key : throw new InvalidKeyException(text, KeyKind.Usage, error);
    }

    /// <summary>Parses a usage key; false (and null) when <paramref name="text"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UsageKey? key)
    {
        key = null;
        return text is not null && TryRead(text, out key, out _);
    }

    /// <summary>The key exactly as parsed.</summary>
    public override string ToString() => _text;

    private static bool TryRead(string text, [NotNullWhen(true)] out UsageKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (!KeyNamespace.TrySplit(text, out var ns, out var body))
        {
            error = text.Length == 0 ? "the key is empty" : "expected block-v1:{org}+{course}+{run}+type@{type}+block@{id}";
            return false;
        }
        if (ns is KeyNamespace.I4x)
            return TryReadI4x(text, out key, out error);
        var shape = ns switch
        {
            KeyNamespace.Block => LocatorShape.Block,
            KeyNamespace.CcxBlock => LocatorShape.CcxBlock,
            _ => null,
        };
        if (shape is null)
        {
            error = KeyNamespace.Mismatch(ns, KeyKind.Usage);
            return false;
        }
        if (!LocatorReader.TryRead(body, shape, out var parts, out error))
            return false;
        key = new UsageKey(CourseKey.FromParts(parts), parts["type"], parts["block"]);
        return true;
    }

    /// <summary>Reads <c>i4x://{org}/{course}/{type}/{id}[@{revision}]</c>: org and course as in a deprecated course key,
    /// type, id and revision <see cref="CharSet.DeprecatedId"/>.</summary>
    private static bool TryReadI4x(string text, [NotNullWhen(true)] out UsageKey? key, [NotNullWhen(false)] out string? error)
    {
        const string Prefix = "i4x://";
        const string Expected = "expected i4x://{org}/{course}/{type}/{id}[@{revision}]";
        key = null;
        var parts = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..].Split('/') : [];
        if (parts.Length != 4)
        {
            error = Expected;
            return false;
        }
        var at = parts[3].IndexOf('@');
        var blockId = at < 0 ? parts[3] : parts[3][..at];
        var revision = at < 0 ? null : parts[3][(at + 1)..];
        error = KeyChars.Check("org", parts[0], CharSet.DeprecatedCoursePart)
            ?? KeyChars.Check("course", parts[1], CharSet.DeprecatedCoursePart)
            ?? KeyChars.Check("block type", parts[2], CharSet.DeprecatedId)
            ?? KeyChars.Check("block id", blockId, CharSet.DeprecatedId)
            ?? (revision is null ? null : KeyChars.Check("revision", revision, CharSet.DeprecatedId));
        if (error is not null)
            return false;
        key = new UsageKey(new CourseKey(parts[0], parts[1], "", revision, null, null, isDeprecated: true), parts[2], blockId);
        return true;
    }
}
