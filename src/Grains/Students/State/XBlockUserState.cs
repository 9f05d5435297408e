namespace Actors.Grains.Students.State;

/// <summary>
/// What Open edX's user-state client returns (<c>XBlockUserState</c>): one learner's <c>user_state</c> fields of one
/// block. <see cref="Updated"/> guarantees the fields returned are unchanged since then.
/// </summary>
/// <param name="Username">The learner.</param>
/// <param name="BlockKey">The block's usage key, as stored.</param>
/// <param name="State">The fields as a JSON object; null only in history, for a write that left the state empty
/// (Open edX reports a history state of <c>{}</c> as <c>None</c>).</param>
/// <param name="Updated">The row's <c>modified</c>; in history, when that write was made.</param>
/// <param name="Scope">Always <see cref="UserStateScope"/>.</param>
[GenerateSerializer, Immutable, Alias("actors.XBlockUserState")]
public sealed record XBlockUserState(string Username, string BlockKey, string? State, DateTimeOffset Updated, string Scope)
{
    /// <summary>The only scope stored in StudentModule (XBlock's <c>Scope.user_state</c>).</summary>
    public const string UserStateScope = "user_state";
}
