using System.Collections.Immutable;

namespace Actors.Grains.Students.State;

/// <summary>What one flush writes: the writes of a batch folded, in order, onto the durable rows — one row per block
/// (its final state) and one history entry per change of a <c>problem</c> block (what that change left). A write whose
/// <see cref="StateWrite.Condition"/> fails at that point is skipped whole.</summary>
internal sealed class StateBatch
{
    private readonly Dictionary<(string ContextKey, string UsageKey), StudentModuleRow> _rows = [];
    private readonly List<StudentModuleHistoryRow> _history = [];

    private StateBatch()
    {
    }

    /// <summary>The rows to upsert, at most one per block.</summary>
    public IReadOnlyList<StudentModuleRow> Rows => [.. _rows.Values];

    /// <summary>Every learning context the batch writes.</summary>
    public IEnumerable<string> ContextKeys => _rows.Keys.Select(k => k.ContextKey).Distinct(StringComparer.Ordinal);

    /// <summary>The history entries, in write order.</summary>
    public IReadOnlyList<StudentModuleHistoryRow> History => _history;

    /// <summary>Folds <paramref name="writes"/> onto <paramref name="durable"/> (the durable rows of every context the
    /// writes touch, by context key then usage key) overlaid with <paramref name="inFlight"/> (the rows of the learner's
    /// batches handed to the committer and not yet committed, by context and usage key).</summary>
    public static StateBatch Fold(IEnumerable<StateWrite> writes, IReadOnlyDictionary<string, ImmutableDictionary<string, StudentModuleRow>> durable,
        IReadOnlyDictionary<(string ContextKey, string UsageKey), StudentModuleRow> inFlight)
    {
        var batch = new StateBatch();
        StudentModuleRow? Current(StateBlockKey block) =>
            batch._rows.GetValueOrDefault((block.ContextKey, block.UsageKey))
            ?? inFlight.GetValueOrDefault((block.ContextKey, block.UsageKey))
            ?? durable[block.ContextKey].GetValueOrDefault(block.UsageKey);

        foreach (var write in writes)
        {
            if (write.Condition is { } condition && Current(condition.Key) is { } checkedRow && checkedRow.Modified > condition.NotModifiedAfter)
                continue;
            foreach (var change in write.Changes)
            {
                var key = (change.Key.ContextKey, change.Key.UsageKey);
                var current = Current(change.Key);
                if (change.Apply(current, write.At) is not { } row)
                    continue;
                batch._rows[key] = row;
                if (change.Key.HasHistory)
                    batch._history.Add(new StudentModuleHistoryRow(row.ContextKey, row.UsageKey, row.State, row.Grade, row.MaxGrade, row.Modified));
            }
        }

        return batch;
    }
}
