namespace Actors.Grains.Students.State;

/// <summary>One learner's folded batch of courseware state: the <c>student_module</c> rows to upsert (at most one per
/// context and usage key) and the <c>student_module_history</c> entries to append, in order (each entry's row is among
/// <paramref name="Rows"/>).</summary>
/// <param name="Username">The learner.</param>
/// <param name="Rows">The rows to upsert.</param>
/// <param name="History">The history entries, in write order.</param>
public sealed record LearnerStateBatch(string Username, IReadOnlyList<StudentModuleRow> Rows, IReadOnlyList<StudentModuleHistoryRow> History)
{
    /// <summary>What writing <paramref name="batches"/> does, for the stores' error messages.</summary>
    public static string Describe(IReadOnlyList<LearnerStateBatch> batches) => batches.Count == 1
        ? $"writing {batches[0].Rows.Count} courseware state rows of '{batches[0].Username}'"
        : $"writing {batches.Sum(b => b.Rows.Count)} courseware state rows of {batches.Count} learners";

    /// <summary>Every row of <paramref name="batches"/> with its learner, in order: what a store upserts.</summary>
    public static List<(string Username, StudentModuleRow Row)> RowsOf(IReadOnlyList<LearnerStateBatch> batches) =>
        batches.SelectMany(b => b.Rows.Select(r => (b.Username, Row: r))).ToList();

    /// <summary>Every history entry of <paramref name="batches"/> with its learner, in order: what a store appends.</summary>
    public static List<(string Username, StudentModuleHistoryRow Entry)> HistoryOf(IReadOnlyList<LearnerStateBatch> batches) =>
        batches.SelectMany(b => b.History.Select(h => (b.Username, Entry: h))).ToList();
}
