using Actors.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Students.State;

/// <summary>
/// The silo's committer of learners' courseware state (one per silo): each <c>StudentModuleGrain</c> flush hands it
/// its folded batch (<see cref="CommitAsync"/>) and awaits it. Batches of many learners that arrive while a transaction
/// is in flight (or within <see cref="StudentStateOptions.CommitWindow"/> of the first) are written together in ONE store
/// transaction (<see cref="IStudentStore.WriteStudentModulesAsync(IReadOnlyList{LearnerStateBatch}, CancellationToken)"/>),
/// up to <see cref="StudentStateOptions.MaxRowsPerTransaction"/> rows (a learner's batch is never split). Every awaited
/// task completes when that transaction commits, or fails with its exception: then every learner in it fails exactly
/// its batch. One transaction is in flight at a time; the next forms meanwhile.
/// <para>A grain has at most one flush in flight, so a learner's batches reach the store in order; should a learner's
/// second batch arrive while its first is still queued, it waits for the next transaction. Called from many activations
/// at once: the queue is under a lock held only to add or take batches, and the commit loop runs on the thread pool,
/// never on a grain's scheduler.</para>
/// </summary>
public sealed partial class StudentStateCommitter(
    IStudentStore store, TimeProvider time, IOptions<StudentStateOptions> options, ILogger<StudentStateCommitter> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _queue = [];
    private bool _running;
    private long _transactions;
    private long _batches;
    private long _failedTransactions;

    /// <summary>Store transactions committed so far.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Learner batches committed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Store transactions that failed so far.</summary>
    public long FailedTransactions => Interlocked.Read(ref _failedTransactions);

    /// <summary>Commits <paramref name="batch"/> in a transaction shared with other learners' batches; completes when it
    /// committed, or fails with the transaction's exception. Not cancellable: once handed over, a batch is written or
    /// fails with its transaction.</summary>
    public Task CommitAsync(LearnerStateBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var pending = new Pending(batch);
        bool start;
        lock (_lock)
        {
            _queue.Add(pending);
            start = !_running;
            _running = true;
        }

        if (start)
            _ = Task.Run(CommitLoopAsync);
        return pending.Committed.Task;
    }

    /// <summary>Commits transactions until the queue is empty. Never throws: a failed transaction fails its batches.</summary>
    private async Task CommitLoopAsync()
    {
        var window = options.Value.CommitWindow;
        if (window > TimeSpan.Zero)
            await Task.Delay(window, time);
        while (true)
        {
            List<Pending> taken;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _running = false;
                    return;
                }

                taken = Take();
            }

            await CommitTransactionAsync(taken);
        }
    }

    /// <summary>Under the lock: the next transaction's batches, in arrival order, up to the row limit (at least one),
    /// each learner once.</summary>
    private List<Pending> Take()
    {
        var maxRows = options.Value.MaxRowsPerTransaction;
        var taken = new List<Pending>();
        var learners = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        for (var i = 0; i < _queue.Count; i++)
        {
            var pending = _queue[i];
            if (taken.Count > 0 && rows + pending.Batch.Rows.Count > maxRows)
                break;
            if (!learners.Add(pending.Batch.Username))
                continue; // a later batch of a learner already in this transaction waits for the next one
            taken.Add(pending);
            rows += pending.Batch.Rows.Count;
            _queue.RemoveAt(i--);
        }

        return taken;
    }

    private async Task CommitTransactionAsync(List<Pending> taken)
    {
        try
        {
            await store.WriteStudentModulesAsync(taken.Select(p => p.Batch).ToList(), CancellationToken.None);
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _batches, taken.Count);
            LogCommitted(taken.Count, taken.Sum(p => p.Batch.Rows.Count));
            foreach (var pending in taken)
                pending.Committed.TrySetResult();
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref _failedTransactions);
            LogCommitFailed(exception, taken.Count);
            foreach (var pending in taken)
                pending.Committed.TrySetException(exception);
        }
    }

    private sealed class Pending(LearnerStateBatch batch)
    {
        public LearnerStateBatch Batch { get; } = batch;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(StudentEventIds.StateCommitted, LogLevel.Debug,
        "Committed the courseware state batches of {Learners} learners ({Rows} rows) in one transaction")]
    private partial void LogCommitted(int learners, int rows);

    [LoggerMessage(StudentEventIds.StateCommitFailed, LogLevel.Warning,
        "A transaction of the courseware state batches of {Learners} learners failed; each of them fails its batch")]
    private partial void LogCommitFailed(Exception exception, int learners);
}
