using System.Collections.Immutable;

namespace Actors.Grains.Students.State;

/// <summary>One block's part of a write: overlay <see cref="Set"/> onto the stored fields (Open edX's <c>set</c>), remove
/// <see cref="Remove"/> from them, or, when both are null, empty the state (<c>delete</c> without fields).</summary>
internal sealed record StateChange(StateBlockKey Key, ImmutableSortedDictionary<string, string>? Set, IReadOnlyList<string>? Remove)
{
    public static StateChange Overlay(StateBlockKey key, ImmutableSortedDictionary<string, string> fields) => new(key, fields, null);

    public static StateChange Delete(StateBlockKey key, IReadOnlyList<string>? fields) => new(key, null, fields);

    /// <summary>The row after this change at <paramref name="at"/>, or null when there is nothing to write (a delete of a
    /// block without a row: Open edX ignores missing rows). Scores follow <see cref="StateJson.TryReadScore"/> for
    /// blocks that can have a score (<see cref="StateBlockKey.CarriesScore"/>): a <c>score</c> object sets <c>grade</c>/<c>max_grade</c>, <c>"score": null</c> clears them,
    /// no <c>score</c> field leaves them as they were.</summary>
    public StudentModuleRow? Apply(StudentModuleRow? current, DateTimeOffset at)
    {
        if (Set is null && current is null)
            return null;
        var fields = StateJson.Parse(current?.State);
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
}
