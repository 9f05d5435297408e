using Actors.Grains.Storage;
using Actors.Grains.Students;
using Actors.Grains.Students.State;

namespace Actors.Grains.Tests.Students;

/// <summary>A memory store whose writes fail (without storing anything) while <see cref="FailWrites"/> is set.</summary>
internal sealed class FailingStudentStore : IStudentStore
{
    private readonly MemoryStudentStore _inner = new();

    public bool FailWrites { get; set; }

    public Task<IReadOnlyList<Enrollment>> LoadEnrollmentsAsync(string username, CancellationToken cancellationToken) =>
        _inner.LoadEnrollmentsAsync(username, cancellationToken);

    public Task<Enrollment> UpsertEnrollmentAsync(Enrollment enrollment, DateTimeOffset modified, CancellationToken cancellationToken) =>
        FailWrites ? throw Failure() : _inner.UpsertEnrollmentAsync(enrollment, modified, cancellationToken);

    public Task<IReadOnlyList<BlockCompletion>> LoadCompletionsAsync(string username, string contextKey, CancellationToken cancellationToken) =>
        _inner.LoadCompletionsAsync(username, contextKey, cancellationToken);

    public Task UpsertCompletionAsync(string username, string contextKey, BlockCompletion completion, CancellationToken cancellationToken) =>
        FailWrites ? throw Failure() : _inner.UpsertCompletionAsync(username, contextKey, completion, cancellationToken);

    public Task<IReadOnlyList<StudentModuleRow>> LoadStudentModulesAsync(string username, string contextKey, CancellationToken cancellationToken) =>
        _inner.LoadStudentModulesAsync(username, contextKey, cancellationToken);

    public Task WriteStudentModulesAsync(string username, IReadOnlyList<StudentModuleRow> rows, IReadOnlyList<StudentModuleHistoryRow> history,
        CancellationToken cancellationToken) =>
        FailWrites ? throw Failure() : _inner.WriteStudentModulesAsync(username, rows, history, cancellationToken);

    public Task<IReadOnlyList<StudentModuleHistoryRow>> LoadStudentModuleHistoryAsync(string username, string contextKey, string usageKey,
        CancellationToken cancellationToken) =>
        _inner.LoadStudentModuleHistoryAsync(username, contextKey, usageKey, cancellationToken);

    private static StorageException Failure() => new("test: the database is down", new IOException("down"), isTransient: true);
}
