using System.Collections.Immutable;

namespace Actors.Grains.Students.State;

/// <summary>One block's part of a write: overlay <see cref="Set"/> onto the stored fields (Open edX's <c>set</c>), remove
/// <see cref="Remove"/> from them, or, when both are null, empty the state (<c>delete</c> without fields). With
/// <see cref="OnlyIfChanged"/>, an overlay whose fields all hold those values already (the same JSON) writes nothing.</summary>
internal sealed record StateChange(StateBlockKey Key, ImmutableSortedDictionary<string, string>? Set, IReadOnlyList<string>? Remove,
    bool OnlyIfChanged = false)
{
    public static StateChange Overlay(StateBlockKey key, ImmutableSortedDictionary<string, string> fields) => new(key, fields, null);

    /// <summary>An overlay that is not written when the block already has these values (positions: Open edX writes only
    /// dirty fields).</summary>
    public static StateChange OverlayIfChanged(StateBlockKey key, ImmutableSortedDictionary<string, string> fields) => new(key, fields, null, true);

    public static StateChange Delete(StateBlockKey key, IReadOnlyList<string>? fields) => new(key, null, fields);

    /// <summary>The row after this change at <paramref name="at"/>, or null when there is nothing to write (a delete of a
    /// block without a row: Open edX ignores missing rows; an <see cref="OnlyIfChanged"/> overlay of values already
    /// there). Scores follow <see cref="StateJson.TryReadScore"/> for blocks that can have a score
    /// (<see cref="StateBlockKey.CarriesScore"/>): a <c>score</c> object sets <c>grade</c>/<c>max_grade</c>, <c>"score": null</c> clears them,
    /// no <c>score</c> field leaves them as they were.</summary>
    public StudentModuleRow? Apply(StudentModuleRow? current, DateTimeOffset at)
    {
        if (Set is null && current is null)
            return null;
        var fields = StateJson.Parse(current?.State);
        if (OnlyIfChanged && current is not null && Set is not null && IsAlready(fields, Set))
            return null;
        if (Set is not null)
            fields = fields.SetItems(Set);
        else if (Remove is not null)
            fields = fields.RemoveRange(Remove);
        else
            fields = StateJson.NoFields;

        var (grade, maxGrade) = (current?.Grade, current?.MaxGrade);
        if (Key.CarriesScore && StateJson.TryReadScore(fields, out _) is { Found: true } score)
            (grade, maxGrade) = (score.Earned, score.Possible);
        return new StudentModuleRow(Key.ContextKey, Key.UsageKey, Key.BlockType, StateJson.Write(fields), grade, maxGrade, current?.Created ?? at, at);
    }

    private static bool IsAlready(ImmutableSortedDictionary<string, string> fields, ImmutableSortedDictionary<string, string> values) =>
        values.All(v => fields.TryGetValue(v.Key, out var stored) && string.Equals(stored, v.Value, StringComparison.Ordinal));
}
