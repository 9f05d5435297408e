using System.Buffers;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Actors.Grains.Students.State;

/// <summary>
/// A block's <c>user_state</c> as Open edX stores it: a JSON object of fields. Here fields are kept as name → the raw
/// JSON text of the value (exactly as the client sent it), ordered by name; a duplicate name keeps its last value (as
/// Python's <c>json.loads</c>).
/// </summary>
internal static class StateJson
{
    /// <summary>The state of a block whose fields were deleted: it reads as absent.</summary>
    public const string Empty = "{}";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ImmutableSortedDictionary<string, string> NoFields { get; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The fields of <paramref name="json"/>, or null and an error when it is not a JSON object.</summary>
    public static ImmutableSortedDictionary<string, string>? TryParseObject(string json, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"Must be a JSON object of fields, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.";
                return null;
            }

            var fields = NoFields.ToBuilder();
            foreach (var property in document.RootElement.EnumerateObject())
                fields[property.Name] = property.Value.GetRawText();
            return fields.ToImmutable();
        }
        catch (JsonException exception)
        {
            error = $"Must be a JSON object of fields: {exception.Message}";
            return null;
        }
    }

    /// <summary>The fields of a stored state (null, never looked at, has none).</summary>
    public static ImmutableSortedDictionary<string, string> Parse(string? state) =>
        state is null ? NoFields : TryParseObject(state, out var error) ?? throw new InvalidOperationException($"A stored state is not a JSON object: {error}");

    /// <summary>Whether a stored state reads as absent (null or <c>{}</c>).</summary>
    public static bool IsAbsent(string? state) => state is null || Parse(state).IsEmpty;

    /// <summary>The JSON object of <paramref name="fields"/>.</summary>
    public static string Write(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The score a <c>problem</c> block's fields carry, as Open edX's capa problem keeps it in its <c>score</c> field
    /// (<c>{"raw_earned": e, "raw_possible": p}</c>): <c>Found</c> false when there is no <c>score</c> field; a null
    /// score (<c>"score": null</c>, capa's unscored problem) is found with no values. Null and an error when the field
    /// is there but not that shape.
    /// </summary>
    public static (bool Found, double? Earned, double? Possible)? TryReadScore(IReadOnlyDictionary<string, string> fields, out string? error)
    {
        error = null;
        if (!fields.TryGetValue("score", out var raw))
            return (false, null, null);
        using var document = JsonDocument.Parse(raw);
        var score = document.RootElement;
        if (score.ValueKind == JsonValueKind.Null)
            return (true, null, null);
        if (score.ValueKind == JsonValueKind.Object
            && Points(score, "raw_earned") is { } earned && Points(score, "raw_possible") is { } possible)
            return (true, earned, possible);
        error = "A problem's score must be null or {\"raw_earned\": number, \"raw_possible\": number}, both finite and not negative.";
        return null;
    }

    private static double? Points(JsonElement score, string name) =>
        score.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var points)
        && double.IsFinite(points) && points >= 0
            ? points
            : null;
}
