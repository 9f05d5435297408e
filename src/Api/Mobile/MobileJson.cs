using System.Text.Json;

namespace Actors.Api.Mobile;

/// <summary>How the mobile API writes JSON: Open edX's field names (on the response types) and its date format.</summary>
internal static class MobileJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new OpenEdxDateTimeConverter() } };
}
