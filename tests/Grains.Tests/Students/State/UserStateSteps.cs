using System.Text.Json.Nodes;
using Actors.Grains.Students;
using Actors.Grains.Students.State;

namespace Actors.Grains.Tests.Students.State;

/// <summary>One step of a user-state case: a call of the grain and, for reads, what it must answer.</summary>
internal abstract record UserStateStep
{
    public abstract Task RunAsync(IStudentModuleGrain grain, string username);

    /// <summary>Whether two JSON texts are the same JSON (null = absent).</summary>
    internal static void AssertJson(string? expected, string? actual, string what)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected == actual, $"{what}: expected {expected ?? "absent"}, got {actual ?? "absent"}");
            return;
        }

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"{what}: expected {expected}, got {actual}");
    }
}

/// <summary><c>set</c>.</summary>
internal sealed record Set(string Key, string State) : UserStateStep
{
    public override Task RunAsync(IStudentModuleGrain grain, string username) => grain.SetStateAsync(Key, State);
}

/// <summary><c>set_many</c>.</summary>
internal sealed record SetMany(params (string Key, string State)[] States) : UserStateStep
{
    public override Task RunAsync(IStudentModuleGrain grain, string username) =>
        grain.SetStatesAsync(States.ToDictionary(s => s.Key, s => s.State));
}

/// <summary><c>delete</c>, of the whole state (no fields named) or of some fields.</summary>
internal sealed record Delete(string Key, params string[] Fields) : UserStateStep
{
    public override Task RunAsync(IStudentModuleGrain grain, string username) => grain.DeleteStateAsync(Key, Fields.Length == 0 ? null : Fields);
}

/// <summary><c>get</c> (of all fields when none are named) answers <see cref="Expected"/> (null: DoesNotExist).</summary>
internal sealed record Get(string Key, string? Expected, params string[] Fields) : UserStateStep
{
    public override async Task RunAsync(IStudentModuleGrain grain, string username)
    {
        var state = await grain.GetStateAsync(Key, Fields.Length == 0 ? null : Fields);
        AssertJson(Expected, state?.State, $"get {Key}");
        if (state is not null)
            Assert.Equal((username, Key, XBlockUserState.UserStateScope), (state.Username, state.BlockKey, state.Scope));
    }
}

/// <summary><c>get_many</c> answers the blocks <see cref="Expected"/>, in that order, with those states.</summary>
internal sealed record GetMany(string[] Keys, (string Key, string State)[] Expected, string[]? Fields = null) : UserStateStep
{
    public override async Task RunAsync(IStudentModuleGrain grain, string username)
    {
        var states = await grain.GetStatesAsync(Keys, Fields);
        Assert.Equal(Expected.Select(e => e.Key), states.Select(s => s.BlockKey));
        foreach (var (expected, actual) in Expected.Zip(states))
            AssertJson(expected.State, actual.State, $"get_many {expected.Key}");
    }
}

/// <summary><c>get_history</c> answers these states, newest first (a null state: the write left <c>{}</c>); null
/// <see cref="Expected"/>: DoesNotExist.</summary>
internal sealed record History(string Key, params string?[]? Expected) : UserStateStep
{
    public override async Task RunAsync(IStudentModuleGrain grain, string username)
    {
        var history = await grain.GetStateHistoryAsync(Key);
        if (Expected is null)
        {
            Assert.Null(history);
            return;
        }

        Assert.NotNull(history);
        Assert.Equal(Expected.Length, history.Count);
        for (var i = 0; i < Expected.Length; i++)
            AssertJson(Expected[i], history[i].State, $"history[{i}] of {Key}");
        Assert.Equal(history.Select(h => h.Updated).OrderByDescending(u => u), history.Select(h => h.Updated));
    }
}

/// <summary>The scores of a learning context are exactly these.</summary>
internal sealed record Scores(string ContextKey, params (string Key, double Grade, double MaxGrade)[] Expected) : UserStateStep
{
    public override async Task RunAsync(IStudentModuleGrain grain, string username)
    {
        var scores = await grain.GetScoresAsync(ContextKey);
        Assert.Equal(Expected.OrderBy(e => e.Key, StringComparer.Ordinal),
            scores.Values.Select(s => (s.BlockKey, s.Grade, s.MaxGrade)).OrderBy(e => e.BlockKey, StringComparer.Ordinal));
    }
}
