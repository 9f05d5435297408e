using Actors.Grains.Storage;
using Actors.Grains.Students.State;

namespace Actors.Grains.Tests.Students;

/// <summary>One learner's batch written through <see cref="IStudentStore.WriteStudentModulesAsync"/>, as the store
/// contract tests write most of theirs.</summary>
internal static class StudentStoreWrites
{
    public static Task WriteStudentModulesAsync(this IStudentStore store, string username, IReadOnlyList<StudentModuleRow> rows,
        IReadOnlyList<StudentModuleHistoryRow> history, CancellationToken cancellationToken) =>
        store.WriteStudentModulesAsync([new LearnerStateBatch(username, rows, history)], cancellationToken);
}
