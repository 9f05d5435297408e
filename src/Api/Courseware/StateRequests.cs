using System.Text.Json;
using Actors.Grains.Students.State;
using Microsoft.Extensions.Primitives;

namespace Actors.Api.Courseware;

/// <summary>Reads the bodies and query of the courseware state endpoints field by field, so that each problem is
/// reported under the field it concerns (a usage key, <c>block_keys</c>, <c>fields</c>, or an unknown property).</summary>
internal static class StateRequests
{
    /// <summary>A usage key from the route, or an error under <c>usage_key</c>.</summary>
    public static StateBlockKey? UsageKey(string usageKey, Dictionary<string, string[]> errors)
    {
        if (StateBlockKey.TryParse(usageKey, out var key, out var error))
            return key;
        errors["usage_key"] = [error];
        return null;
    }

    /// <summary>The field names of <c>fields=a,b</c> (or repeated <c>fields=</c>); null when absent.</summary>
    public static IReadOnlyList<string>? Fields(StringValues fields, Dictionary<string, string[]> errors)
    {
        if (StringValues.IsNullOrEmpty(fields))
            return null;
        var names = fields.SelectMany(f => (f ?? "").Split(',')).ToList();
        if (names.Any(string.IsNullOrEmpty))
            errors["fields"] = ["Field names must not be empty: fields=name1,name2."];
        return names;
    }

    /// <summary>A PUT body: the JSON object of fields, as sent.</summary>
    public static string? State(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind == JsonValueKind.Object)
            return body.GetRawText();
        errors["state"] = [$"The body must be a JSON object of fields, not {Kind(body)}."];
        return null;
    }

    /// <summary>A <c>set_many</c> body, <c>{usage_key: {fields}}</c>: usage key → JSON object, errors under each key.</summary>
    public static Dictionary<string, string> SetMany(JsonElement body, int maxBlocks, Dictionary<string, string[]> errors)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [$"The body must be a JSON object of usage key → object of fields, not {Kind(body)}."];
            return states;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!StateBlockKey.TryParse(property.Name, out _, out var error))
                errors[property.Name] = [error];
            else if (property.Value.ValueKind != JsonValueKind.Object)
                errors[property.Name] = [$"Must be a JSON object of fields, not {Kind(property.Value)}."];
            else
                states[property.Name] = property.Value.GetRawText();
        }

        if (errors.Count == 0 && states.Count == 0)
            errors["body"] = ["Name at least one block."];
        else if (states.Count > maxBlocks)
            errors["body"] = [$"At most {maxBlocks} blocks per call."];
        return states;
    }

    /// <summary>A <c>get_many</c> body, <c>{"block_keys": [...], "fields": [...]}</c> (<c>fields</c> optional).</summary>
    public static (IReadOnlyList<string> BlockKeys, IReadOnlyList<string>? Fields) GetMany(JsonElement body, int maxBlocks,
        Dictionary<string, string[]> errors)
    {
        List<string> keys = [];
        List<string>? fields = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [$"The body must be a JSON object with block_keys and optional fields, not {Kind(body)}."];
            return (keys, fields);
        }

        var sawKeys = false;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "block_keys":
                    sawKeys = true;
                    keys = Strings(property.Value, "block_keys", errors) ?? [];
                    for (var i = 0; i < keys.Count; i++)
                    {
                        if (!StateBlockKey.TryParse(keys[i], out _, out var error))
                            errors[$"block_keys[{i}]"] = [error];
                    }

                    break;
                case "fields":
                    fields = property.Value.ValueKind == JsonValueKind.Null ? null : Strings(property.Value, "fields", errors);
                    if (fields is not null && fields.Any(string.IsNullOrEmpty))
                        errors["fields"] = ["Field names must not be empty."];
                    break;
                default:
                    errors[property.Name] = ["Unknown field: a get_many body has block_keys and fields only."];
                    break;
            }
        }

        if (!sawKeys)
            errors["block_keys"] = ["Required: an array of usage keys."];
        else if (keys.Count > maxBlocks)
            errors["block_keys"] = [$"At most {maxBlocks} blocks per call."];
        return (keys, fields);
    }

    private static List<string>? Strings(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return value.EnumerateArray().Select(e => e.GetString()!).ToList();
        errors[field] = ["Must be an array of strings."];
        return null;
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
