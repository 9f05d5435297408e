using Actors.Grains.Students;
using Actors.Grains.Students.State;

namespace Actors.Grains.Storage;

/// <summary>
/// Where learners' enrollments, block completions and courseware state live: the <c>enrollment</c>,
/// <c>block_completion</c>, <c>student_module</c> and <c>student_module_history</c> tables (see
/// <c>Postgres/Migrations/0001_students.sql</c> and <c>0002_student_module.sql</c>). One instance per silo, shared by every
/// <c>StudentModuleGrain</c>; each learner's rows are written only by that learner's grain.
/// <para>Contract, for every implementation:</para>
/// <list type="bullet">
/// <item>Keys compare exactly (ordinal, case-sensitive, no trimming), as Open edX stores them.</item>
/// <item>A write that returns has been made durable (committed); a write that throws may or may not have been
/// applied (the connection can drop during commit), so callers re-read before relying on the stored value.</item>
/// <item>Failures of the database surface as <see cref="StorageException"/> (with
/// <c>IsTransient</c> set when trying again later can succeed); cancellation as <see cref="OperationCanceledException"/>.</item>
/// <item>Times round-trip at microsecond precision (PostgreSQL's <c>timestamptz</c>); callers pass UTC values
/// already truncated to whole microseconds, so what they read back equals what they wrote.</item>
/// <item>No operation deletes rows: an unenrollment is a row with <c>is_active</c> false, a deleted block state a row
/// whose state is <c>{}</c>.</item>
/// </list>
/// </summary>
public interface IStudentStore
{
    /// <summary>Every enrollment row of <paramref name="username"/>, active or not, in no particular order; empty
    /// when there are none.</summary>
    Task<IReadOnlyList<Enrollment>> LoadEnrollmentsAsync(string username, CancellationToken cancellationToken);

    /// <summary>Inserts the row of (<see cref="Enrollment.Username"/>, <see cref="Enrollment.CourseId"/>), or updates
    /// its <c>mode</c> and <c>is_active</c>; <c>modified</c> becomes <paramref name="modified"/>. An existing row keeps
    /// its <c>created</c> (the one in <paramref name="enrollment"/> is used only for a new row). Returns the row as
    /// stored.</summary>
    Task<Enrollment> UpsertEnrollmentAsync(Enrollment enrollment, DateTimeOffset modified, CancellationToken cancellationToken);

    /// <summary>Every completion row of <paramref name="username"/> in the learning context
    /// <paramref name="contextKey"/> (a course key), in no particular order; empty when there are none.</summary>
    Task<IReadOnlyList<BlockCompletion>> LoadCompletionsAsync(string username, string contextKey, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the row of (<paramref name="username"/>, <paramref name="contextKey"/>,
    /// <see cref="BlockCompletion.BlockKey"/>) with the block type, completion and modified time given.</summary>
    Task UpsertCompletionAsync(string username, string contextKey, BlockCompletion completion, CancellationToken cancellationToken);

    /// <summary>Every <c>student_module</c> row of <paramref name="username"/> in the learning context
    /// <paramref name="contextKey"/>, in no particular order; empty when there are none.</summary>
    Task<IReadOnlyList<StudentModuleRow>> LoadStudentModulesAsync(string username, string contextKey, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the courseware state batches of one or more learners in ONE transaction. For each batch, in list order:
    /// upserts its rows (at most one per context and usage key; an existing row keeps its <c>id</c> and <c>created</c>,
    /// everything else is replaced), then appends its history in list order (each entry's row must be among the batch's
    /// rows). Each learner appears at most once. Either all of it, for every learner, is committed or none of it.
    /// </summary>
    Task WriteStudentModulesAsync(IReadOnlyList<LearnerStateBatch> batches, CancellationToken cancellationToken);

    /// <summary>The history of <paramref name="username"/>'s row of <paramref name="usageKey"/> in
    /// <paramref name="contextKey"/>, newest first (by insertion); empty when there is no row or no history.</summary>
    Task<IReadOnlyList<StudentModuleHistoryRow>> LoadStudentModuleHistoryAsync(string username, string contextKey, string usageKey,
        CancellationToken cancellationToken);
}
