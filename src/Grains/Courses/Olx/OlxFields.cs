using System.Xml.Linq;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// The settings of one block: its XML attributes, overridden by its policy entry. A value that cannot be parsed is
/// reported on the file it came from (the block's XML file or the policy) and read as "not set".
/// </summary>
internal sealed class OlxFields
{
    private readonly Dictionary<string, (string? Value, string Source)> _values = new(StringComparer.Ordinal);
    private readonly string _block;
    private readonly OlxProblemList _problems;

    public OlxFields(XElement element, string file, IReadOnlyDictionary<string, string?> policy, string policyFile, string block, OlxProblemList problems)
    {
        (_block, _problems) = (block, problems);
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
            _values[attribute.Name.LocalName] = (attribute.Value, file);
        foreach (var (name, value) in policy)
            _values[name] = (value, policyFile);
    }

    public string? String(string name) => _values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.Value) ? v.Value : null;

    public DateTimeOffset? Date(string name) =>
        Parse(name, "a date (ISO 8601)", (string s, out DateTimeOffset d) => OlxValues.TryParseDate(s, out d));

    public bool? Bool(string name) =>
        Parse(name, "true or false", (string s, out bool b) => OlxValues.TryParseBool(s, out b));

    public double? Number(string name) =>
        Parse(name, "a number", (string s, out double n) => OlxValues.TryParseNumber(s, out n));

    /// <summary>A text value that must be one of <paramref name="allowed"/>.</summary>
    public string? Choice(string name, IReadOnlySet<string> allowed)
    {
        if (!_values.TryGetValue(name, out var raw) || OlxValues.Unwrap(raw.Value) is not { } value)
            return null;
        if (allowed.Contains(value))
            return value;
        _problems.Add(raw.Source, $"{_block}: {name} \"{raw.Value}\" is not one of {string.Join(", ", allowed)}.");
        return null;
    }

    private delegate bool TryParse<T>(string value, out T result);

    private T? Parse<T>(string name, string expected, TryParse<T> parse) where T : struct
    {
        if (!_values.TryGetValue(name, out var raw) || OlxValues.Unwrap(raw.Value) is not { } value)
            return null;
        if (parse(value, out var result))
            return result;
        _problems.Add(raw.Source, $"{_block}: {name} \"{raw.Value}\" is not {expected}.");
        return null;
    }
}
