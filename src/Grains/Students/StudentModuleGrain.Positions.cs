using Actors.Grains.Students.State;

namespace Actors.Grains.Students;

/// <summary>Positions (<c>IStudentModuleGrain.Positions.cs</c>): <c>position</c> fields written as conditional overlays
/// through the group commit, so "unchanged is not rewritten" and the modification-date check are decided against the
/// state every earlier write left, at commit time, not against a read that a pending write could overtake.</summary>
internal sealed partial class StudentModuleGrain
{
    public async Task SavePositionsAsync(string courseKey, IReadOnlyDictionary<string, int> positions, PositionCondition? condition,
        string? userAgent, CancellationToken cancellationToken)
    {
        var course = PositionArguments.Course(courseKey, nameof(courseKey));
        StateArguments.Count(positions?.Count ?? 0, StateOptions, nameof(positions));
        var changes = positions!.Select(p => StateChange.OverlayIfChanged(
            PositionArguments.Block(course, p.Key, p.Key), PositionArguments.Fields(p.Value, PositionArguments.Field))).ToList();
        var guard = condition is null
            ? null
            : new StateCondition(PositionArguments.Block(course, condition.UsageKey, nameof(condition)), condition.ModificationDate);
        await WriteAsync(changes, userAgent, "position", cancellationToken, guard);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetPositionsAsync(string courseKey, IReadOnlyList<string> usageKeys,
        CancellationToken cancellationToken)
    {
        var course = PositionArguments.Course(courseKey, nameof(courseKey));
        StateArguments.Count(usageKeys?.Count ?? 0, StateOptions, nameof(usageKeys));
        var keys = usageKeys!.Select(k => (Named: k, Key: PositionArguments.Block(course, k, k ?? nameof(usageKeys)))).ToList();
        var rows = await ModulesAsync(course.ToString(), cancellationToken);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (named, key) in keys)
        {
            if (rows.TryGetValue(key.UsageKey, out var row) && PositionArguments.Read(row.State) is { } position)
                positions[named] = position;
        }

        return positions;
    }
}
