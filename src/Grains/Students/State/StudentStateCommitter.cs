using Actors.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Students.State;

/// <summary>
/// The silo's committer of learners' courseware state (one per silo): each <c>StudentModuleGrain</c> hands it its folded
/// writes (<see cref="Submit"/>). Batches of many learners that are queued while a transaction is in flight (or within
/// <see cref="StudentStateOptions.CommitWindow"/> of the first) are written together in ONE store transaction
/// (<see cref="IStudentStore.WriteStudentModulesAsync(IReadOnlyList{LearnerStateBatch}, CancellationToken)"/>), up to
/// <see cref="StudentStateOptions.MaxRowsPerTransaction"/> rows (a learner's batch is never split). Every batch completes
/// when that transaction commits, or fails with its exception: then every learner in it fails exactly its batch. One
/// transaction is in flight at a time; the next forms meanwhile.
/// <para>A learner has at most one batch in a transaction and at most one queued behind it, which keeps growing with the
/// learner's new writes until the next transaction takes it: the database never waits for a grain to fold its next batch.
/// The queued batch was folded onto the one in flight; if that one fails, the queued one is dropped unwritten
/// (<see cref="LearnerBatchNotWrittenException"/>) and the grain folds its writes again onto the state re-read from the
/// store. Called from many activations at once: the queue is under a lock held only to add or take batches, and the
/// commit loop runs on the thread pool, never on a grain's scheduler.</para>
/// </summary>
public sealed partial class StudentStateCommitter(
    IStudentStore store, TimeProvider time, IOptions<StudentStateOptions> options, ILogger<StudentStateCommitter> logger)
{
    private readonly Lock _lock = new();
    private readonly List<QueuedLearnerBatch> _queue = [];
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

    /// <summary>Hands a learner's folded writes to the committer. When <paramref name="previous"/> (the learner's last
    /// batch handed over) is still queued and <paramref name="mayJoin"/>, the rows and history join it and it is
    /// answered; otherwise a new batch is queued after it and answered. Rows of a batch handed over while the previous
    /// one is still in the store must be folded onto that one: if it does not commit, the new one is not written either
    /// (it fails with <see cref="LearnerBatchNotWrittenException"/>). Not cancellable: once handed over, a batch is
    /// written or fails with its transaction.</summary>
    internal QueuedLearnerBatch Submit(string username, IReadOnlyList<StudentModuleRow> rows, IReadOnlyList<StudentModuleHistoryRow> history,
        QueuedLearnerBatch? previous, bool mayJoin)
    {
        ArgumentNullException.ThrowIfNull(username);
        bool start;
        QueuedLearnerBatch queued;
        lock (_lock)
        {
            if (mayJoin && previous is { IsTaken: false })
            {
                previous.Add(rows, history);
                return previous;
            }

            queued = new QueuedLearnerBatch(username, previous);
            queued.Add(rows, history);
            _queue.Add(queued);
            start = !_running;
            _running = true;
        }

        if (start)
            _ = Task.Run(CommitLoopAsync);
        return queued;
    }

    /// <summary>Commits transactions until the queue is empty. Never throws: a failed transaction fails its batches.</summary>
    private async Task CommitLoopAsync()
    {
        var window = options.Value.CommitWindow;
        if (window > TimeSpan.Zero)
            await Task.Delay(window, time);
        while (true)
        {
            List<(QueuedLearnerBatch Queued, LearnerStateBatch Batch)> taken;
            List<QueuedLearnerBatch> dropped;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _running = false;
                    return;
                }

                (taken, dropped) = Take();
            }

            foreach (var queued in dropped)
                queued.Fail(new LearnerBatchNotWrittenException(queued.Username));
            if (taken.Count > 0)
                await CommitTransactionAsync(taken);
        }
    }

    /// <summary>Under the lock: the next transaction's batches, in arrival order, up to the row limit (at least one),
    /// each learner once; and the batches to drop unwritten because the batch they were folded onto did not commit.</summary>
    private (List<(QueuedLearnerBatch, LearnerStateBatch)> Taken, List<QueuedLearnerBatch> Dropped) Take()
    {
        var maxRows = options.Value.MaxRowsPerTransaction;
        var taken = new List<(QueuedLearnerBatch, LearnerStateBatch)>();
        var dropped = new List<QueuedLearnerBatch>();
        var learners = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        for (var i = 0; i < _queue.Count; i++)
        {
            var queued = _queue[i];
            if (!learners.Add(queued.Username))
                continue; // a later batch of a learner already in this transaction waits for the next one
            if (queued.FollowsAFailure)
            {
                queued.Drop();
                dropped.Add(queued);
                _queue.RemoveAt(i--);
                continue;
            }

            if (taken.Count > 0 && rows + queued.RowCount > maxRows)
                break;
            taken.Add((queued, queued.Take()));
            rows += queued.RowCount;
            _queue.RemoveAt(i--);
        }

        return (taken, dropped);
    }

    private async Task CommitTransactionAsync(List<(QueuedLearnerBatch Queued, LearnerStateBatch Batch)> taken)
    {
        try
        {
            var batches = taken.Select(t => t.Batch).ToList();
            if (batches.Any(b => b.Rows.Count > 0))
            {
                await store.WriteStudentModulesAsync(batches, CancellationToken.None);
                Interlocked.Increment(ref _transactions);
            }

            Interlocked.Add(ref _batches, taken.Count);
            LogCommitted(taken.Count, batches.Sum(b => b.Rows.Count));
            foreach (var (queued, _) in taken)
                queued.Succeed();
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref _failedTransactions);
            LogCommitFailed(exception, taken.Count);
            foreach (var (queued, _) in taken)
                queued.Fail(exception);
        }
    }

    [LoggerMessage(StudentEventIds.StateCommitted, LogLevel.Debug,
        "Committed the courseware state batches of {Learners} learners ({Rows} rows) in one transaction")]
    private partial void LogCommitted(int learners, int rows);

    [LoggerMessage(StudentEventIds.StateCommitFailed, LogLevel.Warning,
        "A transaction of the courseware state batches of {Learners} learners failed; each of them fails its batch")]
    private partial void LogCommitFailed(Exception exception, int learners);
}
