using System.Globalization;
using System.Text.Json;

namespace Actors.Api.Positions;

/// <summary>Reads the bodies of the position and completion-read endpoints property by property, so that each problem is
/// reported under the field it concerns; a property the endpoint does not take is an error under its own name.</summary>
internal static class PositionRequests
{
    /// <summary>A <c>goto_position</c> body, <c>{"position": n}</c>: n a positive integer (a JSON number, or a string of
    /// digits as the legacy form handler sent).</summary>
    public static int? GotoPosition(JsonElement body, Dictionary<string, string[]> errors)
    {
        int? position = null;
        foreach (var (name, value) in Properties(body, "position", errors))
        {
            if (name != "position")
                continue;
            position = PositiveInteger(value);
            if (position is null)
                errors["position"] = ["Must be a positive integer (1 for the first child)."];
        }

        if (position is null && !errors.ContainsKey("position") && !errors.ContainsKey("body"))
            errors["position"] = ["Required: a positive integer (1 for the first child)."];
        return position;
    }

    /// <summary>A <c>get_completion</c> body, <c>{"usage_key": "..."}</c>.</summary>
    public static string? GetCompletion(JsonElement body, Dictionary<string, string[]> errors)
    {
        string? usageKey = null;
        foreach (var (name, value) in Properties(body, "usage_key", errors))
        {
            if (name == "usage_key" && value.ValueKind == JsonValueKind.String)
                usageKey = value.GetString();
            else if (name == "usage_key")
                errors["usage_key"] = ["Must be a usage key string."];
        }

        if (usageKey is null && !errors.ContainsKey("usage_key") && !errors.ContainsKey("body"))
            errors["usage_key"] = ["Required: the usage key of a unit of this sequence."];
        return usageKey;
    }

    /// <summary>A <c>course_status_info</c> PATCH body: optional <c>last_visited_module_id</c> and
    /// <c>modification_date</c> (ISO 8601 with a time zone, as Open edX requires).</summary>
    public static (string? ModuleId, DateTimeOffset? ModificationDate) CourseStatus(JsonElement body, Dictionary<string, string[]> errors)
    {
        (string? ModuleId, DateTimeOffset? ModificationDate) result = (null, null);
        foreach (var (name, value) in Properties(body, "last_visited_module_id, modification_date", errors))
        {
            switch (name)
            {
                case "last_visited_module_id" when value.ValueKind is JsonValueKind.Null:
                    break;
                case "last_visited_module_id" when value.ValueKind is JsonValueKind.String:
                    result.ModuleId = value.GetString() is { Length: > 0 } id ? id : null;
                    break;
                case "last_visited_module_id":
                    errors[name] = ["Must be a usage key string."];
                    break;
                case "modification_date" when value.ValueKind is JsonValueKind.Null:
                    break;
                case "modification_date":
                    result.ModificationDate = Date(value);
                    if (result.ModificationDate is null)
                        errors[name] = ["Invalid date, expected 'YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM' (a time zone is required)."];
                    break;
            }
        }

        return result;
    }

    // The body's properties; errors for a body that is not an object and for properties other than the known ones.
    private static IEnumerable<(string Name, JsonElement Value)> Properties(JsonElement body, string known, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [$"The body must be a JSON object with {known}."];
            return [];
        }

        var names = known.Split(", ");
        var properties = new List<(string, JsonElement)>();
        foreach (var property in body.EnumerateObject())
        {
            if (names.Contains(property.Name, StringComparer.Ordinal))
                properties.Add((property.Name, property.Value));
            else
                errors[property.Name] = [$"Unknown field: this body has {known} only."];
        }

        return properties;
    }

    private static int? PositiveInteger(JsonElement value)
    {
        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var digits) => digits,
            _ => 0,
        };
        return parsed >= 1 ? parsed : null;
    }

    private static DateTimeOffset? Date(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
            return null;
        // A time without an offset is refused (Open edX: "not modification_date.tzinfo").
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local) || local.Kind == DateTimeKind.Unspecified)
            return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
