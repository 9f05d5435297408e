using System.Globalization;
using System.Text;

namespace Actors.Api.Metrics;

/// <summary>The lexical rules of the Prometheus text exposition format 0.0.4: names, label values and numbers.</summary>
internal static class PrometheusText
{
    /// <summary>A metric or label name: characters outside <c>[a-zA-Z0-9_:]</c> (the dots of OpenTelemetry names)
    /// become underscores, and a leading digit gets an underscore in front. Colons are kept in metric names only.</summary>
    public static string Name(string name, bool allowColon = true)
    {
        var text = new StringBuilder(name.Length + 1);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            text.Append('_');
        foreach (var c in name)
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        return text.ToString();
    }

    /// <summary>A label value between double quotes: backslash, double quote and line feed escaped.</summary>
    public static string LabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>A <c># HELP</c> text: backslash and line feed escaped.</summary>
    public static string Help(string text) =>
        text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>A sample value or bucket bound, in the invariant culture, with Prometheus' spellings of the infinities.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Renders tags as the inside of a label set, <c>a="1",b="2"</c>, sorted by name so that the same tags in
    /// any order make the same series.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
            return "";
        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 0)
                text.Append(',');
            text.Append(Name(key, allowColon: false)).Append("=\"")
                .Append(LabelValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append('"');
        }

        return text.ToString();
    }
}
