using System.Threading.Channels;
using Actors.Grains.Storage;
using Actors.Grains.Students;
using Actors.Grains.Students.State;

namespace Actors.Grains.Tests.Students.State;

/// <summary>A memory store whose courseware state batch writes (and, with <see cref="GateEnrollments"/>, enrollment
/// writes) each wait in the store until the test commits or fails them (<see cref="NextBatchAsync"/>).</summary>
internal sealed class GatedStudentStore : IStudentStore
{
    private readonly MemoryStudentStore _inner = new();
    private readonly Channel<Gate> _batches = Channel.CreateUnbounded<Gate>();
    private readonly Channel<Gate> _enrollments = Channel.CreateUnbounded<Gate>();

    public bool GateEnrollments { get; set; }

    /// <summary>The next batch write that reached the store, held until the test decides.</summary>
    public Task<Gate> NextBatchAsync() => _batches.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The next enrollment write that reached the store, held until the test decides.</summary>
    public Task<Gate> NextEnrollmentAsync() => _enrollments.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Lets the next batch write commit once it arrives.</summary>
    public async Task CommitNextBatchAsync() => (await NextBatchAsync()).Commit();

    public Task<IReadOnlyList<Enrollment>> LoadEnrollmentsAsync(string username, CancellationToken cancellationToken) =>
        _inner.LoadEnrollmentsAsync(username, cancellationToken);

    public async Task<Enrollment> UpsertEnrollmentAsync(Enrollment enrollment, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        if (GateEnrollments)
            await PassAsync(_enrollments, new Gate([]), cancellationToken);
        return await _inner.UpsertEnrollmentAsync(enrollment, modified, cancellationToken);
    }

    public Task<IReadOnlyList<BlockCompletion>> LoadCompletionsAsync(string username, string contextKey, CancellationToken cancellationToken) =>
        _inner.LoadCompletionsAsync(username, contextKey, cancellationToken);

    public Task UpsertCompletionAsync(string username, string contextKey, BlockCompletion completion, CancellationToken cancellationToken) =>
        _inner.UpsertCompletionAsync(username, contextKey, completion, cancellationToken);

    public Task<IReadOnlyList<StudentModuleRow>> LoadStudentModulesAsync(string username, string contextKey, CancellationToken cancellationToken) =>
        _inner.LoadStudentModulesAsync(username, contextKey, cancellationToken);

    public async Task WriteStudentModulesAsync(IReadOnlyList<LearnerStateBatch> batches, CancellationToken cancellationToken)
    {
        await PassAsync(_batches, new Gate([.. batches.SelectMany(b => b.Rows)]), cancellationToken);
        await _inner.WriteStudentModulesAsync(batches, cancellationToken);
    }

    public Task<IReadOnlyList<StudentModuleHistoryRow>> LoadStudentModuleHistoryAsync(string username, string contextKey, string usageKey,
        CancellationToken cancellationToken) =>
        _inner.LoadStudentModuleHistoryAsync(username, contextKey, usageKey, cancellationToken);

    private static async Task PassAsync(Channel<Gate> channel, Gate gate, CancellationToken cancellationToken)
    {
        await channel.Writer.WriteAsync(gate, cancellationToken);
        if (await gate.Decision.Task)
            throw new StorageException("test: the transaction failed", new IOException("down"), isTransient: true);
    }

    /// <summary>A write held in the store.</summary>
    public sealed class Gate(IReadOnlyList<StudentModuleRow> rows)
    {
        public IReadOnlyList<StudentModuleRow> Rows { get; } = rows;

        internal TaskCompletionSource<bool> Decision { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Commit() => Decision.SetResult(false);

        public void Fail() => Decision.SetResult(true);
    }
}
