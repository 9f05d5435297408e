using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Grains.Students.State;

namespace Actors.Api.Courseware;

/// <summary>Open edX's <c>XBlockUserState</c> as JSON: <c>username</c>, <c>block_key</c>, <c>state</c> (an object of
/// fields; null in history for a write that left no fields), <c>updated</c> (UTC) and <c>scope</c> (<c>user_state</c>).</summary>
public sealed record XBlockUserStateResponse(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("block_key")] string BlockKey,
    [property: JsonPropertyName("state")] JsonElement? State,
    [property: JsonPropertyName("updated")] DateTimeOffset Updated,
    [property: JsonPropertyName("scope")] string Scope)
{
    internal static XBlockUserStateResponse From(XBlockUserState state) => new(
        state.Username, state.BlockKey, state.State is null ? null : JsonDocument.Parse(state.State).RootElement.Clone(), state.Updated, state.Scope);
}
