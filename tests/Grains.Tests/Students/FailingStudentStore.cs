using Actors.Grains.Storage;
using Actors.Grains.Students;
using Actors.Grains.Students.State;

namespace Actors.Grains.Tests.Students;

/// <summary>A memory store whose writes fail (without storing anything) while <see cref="FailWrites"/> is set, and which
/// counts its courseware state transactions.</summary>
internal sealed class FailingStudentStore : IStudentStore
{
    private readonly MemoryStudentStore _inner = new();

    private int _transactions;
    private int _failedTransactions;

    public bool FailWrites { get; set; }

    /// <summary>Courseware state write transactions committed.</summary>
    public int Transactions => Volatile.Read(ref _transactions);

    /// <summary>Courseware state write transactions failed.</summary>
    public int FailedTransactions => Volatile.Read(ref _failedTransactions);

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

    public async Task WriteStudentModulesAsync(IReadOnlyList<LearnerStateBatch> batches, CancellationToken cancellationToken)
    {
        await Task.Yield(); // a transaction takes a while: let more batches gather
        if (FailWrites)
        {
            Interlocked.Increment(ref _failedTransactions);
            throw Failure();
        }

        await _inner.WriteStudentModulesAsync(batches, cancellationToken);
        Interlocked.Increment(ref _transactions);
    }

    public Task<IReadOnlyList<StudentModuleHistoryRow>> LoadStudentModuleHistoryAsync(string username, string contextKey, string usageKey,
        CancellationToken cancellationToken) =>
        _inner.LoadStudentModuleHistoryAsync(username, contextKey, usageKey, cancellationToken);

    private static StorageException Failure() => new("test: the database is down", new IOException("down"), isTransient: true);
}
