using System.Text.Json;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// <c>policies/{run}/policy.json</c>: per-block settings keyed <c>"type/url_name"</c> (e.g. <c>"course/DemoCourse"</c>),
/// which override or extend the block's XML attributes. Values become text the way XML attributes carry them:
/// strings as they are, booleans as <c>true</c>/<c>false</c>, numbers as written, objects and arrays as JSON,
/// <c>null</c> as "not set".
/// </summary>
internal sealed class OlxPolicy
{
    private static readonly IReadOnlyDictionary<string, string?> None = new Dictionary<string, string?>();
    private readonly Dictionary<string, Dictionary<string, string?>> _blocks;

    private OlxPolicy(string path, Dictionary<string, Dictionary<string, string?>> blocks) => (Path, _blocks) = (path, blocks);

    /// <summary>The file the settings came from (problems with a setting are reported on it).</summary>
    public string Path { get; }

    /// <summary>The settings of one block; empty when the policy names none.</summary>
    public IReadOnlyDictionary<string, string?> For(string type, string urlName) =>
        _blocks.TryGetValue($"{type}/{urlName}", out var settings) ? settings : None;

    /// <summary>Loads the policy of <paramref name="run"/>; an empty policy when the file is absent or unusable (reported).</summary>
    public static OlxPolicy Load(OlxFileReader files, string run)
    {
        var path = $"policies/{run}/policy.json";
        var blocks = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        var bytes = files.ReadBytes(path);
        if (bytes is null)
            return new OlxPolicy(path, blocks);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new JsonException("The policy must be a JSON object keyed \"type/url_name\".");
            foreach (var block in document.RootElement.EnumerateObject())
            {
                if (block.Value.ValueKind != JsonValueKind.Object)
                    throw new JsonException($"The settings of \"{block.Name}\" must be a JSON object.");
                blocks[block.Name] = block.Value.EnumerateObject().ToDictionary(f => f.Name, f => AsText(f.Value), StringComparer.Ordinal);
            }
        }
        catch (JsonException e)
        {
            files.Problems.Add(path, $"Malformed JSON: {e.Message}");
        }

        return new OlxPolicy(path, blocks);
    }

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
