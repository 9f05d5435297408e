using System.Diagnostics.CodeAnalysis;

namespace Actors.Grains.Keys;

/// <summary>
/// A course run, in one of three forms (openedx.md §e):
/// <list type="bullet">
/// <item><c>course-v1:{org}+{course}+{run}[+branch@{branch}][+version@{24 hex}]</c>, e.g. <c>course-v1:edX+DemoX+Demo_Course</c>;</item>
/// <item>a CCX (custom course) on such a course: <c>ccx-v1:{org}+{course}+{run}[+branch@…][+version@…]+ccx@{id}</c>;</item>
/// <item>the deprecated <c>{org}/{course}/{run}</c> (<see cref="IsDeprecated"/>; the run may be empty).</item>
/// </list>
/// Parts of the first two forms are letters, numbers (Unicode), <c>_ - ~ . :</c>; deprecated parts are letters, numbers,
/// <c>_ - . %</c>. Nothing is trimmed, decoded or case-folded. Equality covers every part and the form, so
/// <c>edX/DemoX/Demo_Course</c> ≠ <c>course-v1:edX+DemoX+Demo_Course</c>, as in Open edX.
/// </summary>
public sealed record CourseKey : LearningContextKey
{
    private readonly string _text;

    internal CourseKey(string org, string course, string run, string? branch, string? versionGuid, string? ccxId, bool isDeprecated)
    {
        Org = org;
        Course = course;
        Run = run;
        Branch = branch;
        VersionGuid = versionGuid;
        CcxId = ccxId;
        IsDeprecated = isDeprecated;
        _text = isDeprecated ? $"{org}/{course}/{run}" : $"{(ccxId is null ? KeyNamespace.Course : KeyNamespace.Ccx)}:{Body}";
    }

    /// <inheritdoc/>
    public override string Org { get; }

    /// <summary>The course number, e.g. <c>DemoX</c>.</summary>
    public string Course { get; }

    /// <summary>The run, e.g. <c>Demo_Course</c>. Empty only for a deprecated key (<c>org/course/</c>), including the course of
    /// an <c>i4x://</c> usage key, which does not say its run (see <see cref="UsageKey"/>).</summary>
    public string Run { get; }

    /// <summary>The modulestore branch (<c>+branch@…</c>), e.g. <c>published-branch</c>; usually null. For a deprecated key it is
    /// the revision of the <c>i4x://</c> usage key it came from and does not print.</summary>
    public string? Branch { get; }

    /// <summary>The split-modulestore structure version (<c>+version@…</c>, 24 lowercase hex digits); usually null.</summary>
    public string? VersionGuid { get; }

    /// <summary>The CCX id (ASCII digits, kept as written) when this is a <c>ccx-v1:</c> key; otherwise null.</summary>
    public string? CcxId { get; }

    /// <summary>True for the <c>org/course/run</c> form.</summary>
    public bool IsDeprecated { get; }

    /// <summary>True for a <c>ccx-v1:</c> key.</summary>
    public bool IsCcx => CcxId is not null;

    /// <summary>The course a CCX is built on (this key without its <c>ccx@</c>); the key itself when it is not a CCX.</summary>
    public CourseKey MasterCourse => IsCcx ? new(Org, Course, Run, Branch, VersionGuid, null, false) : this;

    /// <summary>The text after the namespace: <c>org+course+run[+branch@…][+version@…][+ccx@…]</c>.</summary>
    internal string Body => $"{Org}+{Course}+{Run}"
        + (Branch is null ? "" : $"+branch@{Branch}")
        + (VersionGuid is null ? "" : $"+version@{VersionGuid}")
        + (CcxId is null ? "" : $"+ccx@{CcxId}");

    /// <summary>The CCX <paramref name="ccxId"/> on this course (<c>ccx-v1:…+ccx@{id}</c>).</summary>
    /// <exception cref="InvalidKeyException">The id is not ASCII digits, or this key is deprecated (CCX keys never are).</exception>
    public CourseKey ForCcx(string ccxId)
    {
        ArgumentNullException.ThrowIfNull(ccxId);
        var key = new CourseKey(Org, Course, Run, Branch, VersionGuid, ccxId, false);
        var error = IsDeprecated ? $"the deprecated course {KeyChars.Quote(_text)} cannot have a CCX" : KeyChars.CheckCcxId(ccxId);
        return error is null ? key : throw new InvalidKeyException(key.ToString(), KeyKind.Course, error);
    }

    /// <summary>The usage key of block <paramref name="blockId"/> of type <paramref name="blockType"/> in this course:
    /// <c>block-v1:{org}+{course}+{run}[+branch@…][+version@…]+type@{type}+block@{id}</c>, <c>ccx-block-v1:…</c> for a CCX, and
    /// <c>i4x://{org}/{course}/{type}/{id}</c> for a deprecated course (that form has no run, as in Open edX).</summary>
    /// <exception cref="InvalidKeyException">The type or id has a character the form does not allow.</exception>
    public UsageKey MakeUsageKey(string blockType, string blockId)
    {
        ArgumentNullException.ThrowIfNull(blockType);
        ArgumentNullException.ThrowIfNull(blockId);
        var key = new UsageKey(this, blockType, blockId);
        var chars = IsDeprecated ? CharSet.DeprecatedId : CharSet.LocatorId;
        var error = KeyChars.Check("block type", blockType, chars) ?? KeyChars.Check("block id", blockId, chars);
        return error is null ? key : throw new InvalidKeyException(key.ToString(), KeyKind.Usage, error);
    }

    /// <summary>Parses a <c>course-v1:</c>, <c>ccx-v1:</c> or deprecated <c>org/course/run</c> key.</summary>
    /// <exception cref="InvalidKeyException"><paramref name="text"/> is not one.</exception>
    public static new CourseKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text, out var key, out var error) ? key : throw new InvalidKeyException(text, KeyKind.Course, error);
    }

    /// <summary>Parses a course key; false (and null) when <paramref name="text"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out CourseKey? key)
    {
        key = null;
        return text is not null && TryRead(text, out key, out _);
    }

    /// <summary>The key exactly as parsed.</summary>
    public override string ToString() => _text;

    internal static bool TryRead(string text, [NotNullWhen(true)] out CourseKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        // A namespace never contains '/', so "org/course/ru:n" is a deprecated key with a bad run, not an unknown namespace.
        if (!KeyNamespace.TrySplit(text, out var ns, out var body) || ns.Contains('/'))
            return TryReadDeprecated(text, out key, out error);
        var shape = ns switch
        {
            KeyNamespace.Course => LocatorShape.Course,
            KeyNamespace.Ccx => LocatorShape.Ccx,
            _ => null,
        };
        if (shape is null)
        {
            error = KeyNamespace.Mismatch(ns, KeyKind.Course);
            return false;
        }
        if (!LocatorReader.TryRead(body, shape, out var parts, out error))
            return false;
        key = FromParts(parts);
        return true;
    }

    /// <summary>The course named by the parts of a locator read by <see cref="LocatorReader"/>.</summary>
    internal static CourseKey FromParts(IReadOnlyDictionary<string, string> parts) => new(parts["org"], parts["course"], parts["run"],
        parts.GetValueOrDefault("branch"), parts.GetValueOrDefault("version"), parts.GetValueOrDefault("ccx"), false);

    private static bool TryReadDeprecated(string text, [NotNullWhen(true)] out CourseKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        var parts = text.Split('/');
        if (parts.Length != 3)
        {
            error = text.Length == 0
                ? "the key is empty"
                : "expected course-v1:{org}+{course}+{run} or the deprecated {org}/{course}/{run} (exactly two '/')";
            return false;
        }
        error = KeyChars.Check("org", parts[0], CharSet.DeprecatedCoursePart)
            ?? KeyChars.Check("course", parts[1], CharSet.DeprecatedCoursePart)
            ?? (parts[2].Length == 0 ? null : KeyChars.Check("run", parts[2], CharSet.DeprecatedCoursePart));
        if (error is not null)
            return false;
        key = new CourseKey(parts[0], parts[1], parts[2], null, null, null, isDeprecated: true);
        return true;
    }
}
