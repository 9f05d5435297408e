using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Runtime.Serialization;

/// <summary>
/// How grain-call arguments and results cross the wire between processes: System.Text.Json with one fixed set of
/// options, each value written with its declared type. Argument and result types must round-trip through it (records,
/// plain classes with settable properties or a matching constructor, public fields, value tuples, collections, primitives). Used by generated requests.
/// </summary>
public static class WireJson
{
    /// <summary>The options every silo and client use; changing them changes the wire format.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        IncludeFields = true, // value tuples keep their items in fields
    };

    /// <summary>Writes one argument.</summary>
    public static void Write<T>(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, Options);

    /// <summary>Reads argument number <paramref name="index"/> of the array <paramref name="reader"/> is in.</summary>
    public static T Read<T>(ref Utf8JsonReader reader, int index)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            throw new JsonException($"Argument {index} is missing.");
        return JsonSerializer.Deserialize<T>(ref reader, Options)!;
    }

    /// <summary>A result or other whole value as UTF-8 JSON.</summary>
    public static byte[] ToBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Reads a value written by <see cref="ToBytes{T}"/>.</summary>
    public static T FromBytes<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
