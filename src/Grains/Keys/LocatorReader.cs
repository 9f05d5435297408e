using System.Diagnostics.CodeAnalysis;

namespace Actors.Grains.Keys;

/// <summary>
/// Splits the text after a locator's namespace (<c>course-v1:</c>, <c>block-v1:</c>, <c>library-v1:</c>,
/// <c>lib-block-v1:</c>, <c>ccx-v1:</c>, <c>ccx-block-v1:</c>) by <see cref="LocatorShape"/> and checks every value:
/// untagged parts, <c>branch</c>, <c>type</c> and <c>block</c> are <see cref="CharSet.LocatorId"/>, <c>version</c> is 24
/// lowercase hex digits, <c>ccx</c> is ASCII digits. Nothing is trimmed, decoded or case-folded; an empty part (from a
/// leading, trailing or doubled <c>+</c>) is invalid.
/// </summary>
internal static class LocatorReader
{
    /// <summary>Reads <paramref name="body"/> into values keyed by part name (<c>org</c>, <c>course</c>, …) and tag name
    /// (<c>branch</c>, <c>version</c>, <c>ccx</c>, <c>type</c>, <c>block</c>), or says what is wrong.</summary>
    public static bool TryRead(string body, LocatorShape shape,
        [NotNullWhen(true)] out IReadOnlyDictionary<string, string>? values, [NotNullWhen(false)] out string? error)
    {
        var read = new Dictionary<string, string>();
        error = Read(body, shape, read);
        values = error is null ? read : null;
        return error is null;
    }

    private static string? Read(string body, LocatorShape shape, Dictionary<string, string> values)
    {
        if (body.Length == 0)
            return $"nothing follows '{shape.Namespace}:'; expected {shape.Format}";
        var untagged = 0;
        var lastTag = -1;
        foreach (var part in body.Split('+'))
        {
            if (part.Length == 0)
                return $"it has an empty part (a leading, trailing or doubled '+'); expected {shape.Format}";
            var at = part.IndexOf('@');
            if (at < 0)
            {
                if (lastTag >= 0 || untagged == shape.Parts.Length)
                    return $"unexpected part {KeyChars.Quote(part)}; expected {shape.Format}";
                var name = shape.Parts[untagged++];
                if (KeyChars.Check(name, part, CharSet.LocatorId) is { } partError)
                    return partError;
                values[name] = part;
                continue;
            }

            var tag = part[..at];
            var index = Array.IndexOf(shape.Tags, tag);
            if (index < 0)
                return UnknownTag(part, tag, shape);
            if (untagged < shape.Parts.Length)
                return Missing(shape, untagged, tag);
            if (index <= lastTag)
            {
                return index == lastTag
                    ? $"'{tag}@' appears twice"
                    : $"'{tag}@' must come before '{shape.Tags[lastTag]}@'; expected {shape.Format}";
            }
            lastTag = index;
            var value = part[(at + 1)..];
            if (CheckTag(tag, value) is { } tagError)
                return tagError;
            values[tag] = value;
        }

        if (untagged < shape.Parts.Length)
            return Missing(shape, untagged, tag: null);
        var missingTag = shape.RequiredTags.FirstOrDefault(tag => !values.ContainsKey(tag));
        return missingTag is null ? null : $"'{missingTag}@' is missing; expected {shape.Format}";
    }

    private static string? CheckTag(string tag, string value) => tag switch
    {
        "version" => KeyChars.CheckVersionGuid(value),
        "ccx" => KeyChars.CheckCcxId(value),
        "type" => KeyChars.Check("block type", value, CharSet.LocatorId),
        "block" => KeyChars.Check("block id", value, CharSet.LocatorId),
        _ => KeyChars.Check(tag, value, CharSet.LocatorId),
    };

    private static string UnknownTag(string part, string tag, LocatorShape shape)
    {
        var lowercase = shape.Tags.FirstOrDefault(known => string.Equals(known, tag, StringComparison.OrdinalIgnoreCase));
        return lowercase is null
            ? $"unexpected part {KeyChars.Quote(part)}; expected {shape.Format}"
            : $"tags are lowercase: '{tag}@' should be '{lowercase}@'";
    }

    private static string Missing(LocatorShape shape, int present, string? tag)
    {
        if (present == 0 && tag == "version")
            return $"version-only keys ('{shape.Namespace}:version@…') are not supported; expected {shape.Format}";
        var missing = shape.Parts[present..];
        var names = missing.Length == 1 ? missing[0] : $"{string.Join(", ", missing[..^1])} and {missing[^1]}";
        return $"the {names} {(missing.Length == 1 ? "is" : "are")} missing; expected {shape.Format}";
    }
}
