using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Api.Mobile;

/// <summary>Dates as Django REST Framework writes them: ISO 8601 in UTC with <c>Z</c>, microseconds only when there are
/// any (<c>2026-01-05T09:30:00Z</c>, <c>2026-01-05T09:30:00.123456Z</c>).</summary>
internal sealed class OpenEdxDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond / 10 == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";
        writer.WriteStringValue(utc.ToString(format, CultureInfo.InvariantCulture));
    }
}
