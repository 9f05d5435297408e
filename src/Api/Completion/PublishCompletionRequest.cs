using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Api.Completion;

/// <summary>The body of Open edX's <c>publish_completion</c> XBlock handler: <c>{"completion": 1.0}</c>. The value is
/// read as raw JSON so that a wrong type is reported under <c>completion</c> like an out-of-range number.</summary>
/// <param name="Completion">A number from 0 to 1.</param>
public sealed record PublishCompletionRequest([property: JsonPropertyName("completion")] JsonElement? Completion);

/// <summary>What Open edX's completion handler answers: <c>{"result": "ok"}</c>.</summary>
/// <param name="Result">Always <c>ok</c>.</param>
public sealed record PublishCompletionResponse([property: JsonPropertyName("result")] string Result)
{
    internal static PublishCompletionResponse Ok { get; } = new("ok");
}
