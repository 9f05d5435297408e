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
}
