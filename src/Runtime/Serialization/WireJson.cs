using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Runtime.Serialization;

/// <summary>
/// The JSON side of the wire between processes: the values <see cref="WireFormat"/> has no binary form for (records,
/// collections, nullables, enums...) and exception data. System.Text.Json with one fixed set of options, each value
/// written with its declared type, so argument and result types must round-trip through it (records, plain classes with
/// settable properties or a matching constructor, public fields, value tuples, collections, primitives).
/// </summary>
public static class WireJson
{
    /// <summary>The options every silo and client use; changing them changes the wire format.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        IncludeFields = true, // value tuples keep their items in fields
    };
}
