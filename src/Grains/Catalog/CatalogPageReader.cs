using System.Text.Json;

namespace Actors.Grains.Catalog;

/// <summary>Reads a course-discovery page envelope (<c>{"count", "next", "previous", "results": [...]}</c>, openedx.md
/// §b.2) tolerantly: fields it does not know are ignored, a row without a usable <c>key</c> is kept with a null key (the
/// sync counts and skips it), a missing catalog field is "not given". A body that is not a JSON object with a
/// <c>results</c> array is not a page.</summary>
internal static class CatalogPageReader
{
    /// <summary>The page in <paramref name="body"/>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static CatalogPage Read(int number, Uri url, ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"the body is not JSON ({exception.Message})", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException($"the body is a JSON {root.ValueKind}, not a page object");
            if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                throw new FormatException("the page has no \"results\" array");
            long? count = root.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n) ? n : null;
            var hasNext = root.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String && next.GetString()!.Length > 0;

            var runs = new List<CatalogCourseRun>(results.GetArrayLength());
            var unreadable = 0;
            foreach (var row in results.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Object)
                {
                    unreadable++;
                    continue;
                }

                runs.Add(ReadRun(row));
            }

            return new CatalogPage(number, url, count, hasNext, runs, unreadable);
        }
    }

    private static CatalogCourseRun ReadRun(JsonElement row)
    {
        var key = row.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var given = CatalogFields.None;
        string? marketingUrl = null;
        bool? eligible = null;
        string? language = null;
        if (row.TryGetProperty("marketing_url", out var url) && url.ValueKind is JsonValueKind.String or JsonValueKind.Null)
        {
            given |= CatalogFields.MarketingUrl;
            marketingUrl = url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        }

        if (row.TryGetProperty("eligible_for_financial_aid", out var aid) && aid.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            given |= CatalogFields.EligibleForFinancialAid;
            eligible = aid.GetBoolean();
        }

        if (row.TryGetProperty("content_language", out var lang) && lang.ValueKind is JsonValueKind.String or JsonValueKind.Null)
        {
            given |= CatalogFields.Language;
            language = lang.ValueKind == JsonValueKind.String ? lang.GetString() : null;
        }

        return new CatalogCourseRun(key, new CatalogValues(marketingUrl, eligible, language, given));
    }
}
