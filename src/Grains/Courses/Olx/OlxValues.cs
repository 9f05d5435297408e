using System.Globalization;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// Parses OLX field values, which arrive as XML attribute text or as policy JSON turned into text. A value may be
/// wrapped in double quotes (older exports JSON-encode dates); <c>null</c> and the empty string mean "not set".
/// </summary>
internal static class OlxValues
{
    /// <summary>The value without surrounding quotes and blanks, or null when it means "not set".</summary>
    public static string? Unwrap(string? raw)
    {
        var value = raw?.Trim();
        if (value is { Length: >= 2 } && value[0] == '"' && value[^1] == '"')
            value = value[1..^1].Trim();
        return string.IsNullOrEmpty(value) || value == "null" ? null : value;
    }

    /// <summary>An ISO 8601 date; one without an offset is taken as UTC.</summary>
    public static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary><c>true</c> or <c>false</c>, in any case.</summary>
    public static bool TryParseBool(string value, out bool result) => bool.TryParse(value, out result);

    /// <summary>A finite number, with <c>.</c> as the decimal separator.</summary>
    public static bool TryParseNumber(string value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && double.IsFinite(result);
}
