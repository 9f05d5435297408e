namespace Actors.Grains.Students.State;

/// <summary>
/// One learner's batch in the <see cref="StudentStateCommitter"/>'s queue. Until a transaction takes it, the learner's
/// grain may fold more writes into it (<see cref="StudentStateCommitter.Submit"/>): a later row of a block replaces the
/// earlier one (it was folded onto it), history entries are appended in order. Once taken it no longer changes, and
/// <see cref="Committed"/> completes when its transaction commits, or fails with the transaction's exception — or with
/// <see cref="LearnerBatchNotWrittenException"/> when it was never written because the learner's batch before it
/// (<see cref="After"/>, onto which it was folded) did not commit.
/// <para>Its fields are guarded by the committer's lock.</para>
/// </summary>
internal sealed class QueuedLearnerBatch(string username, QueuedLearnerBatch? after)
{
    private readonly Dictionary<(string ContextKey, string UsageKey), StudentModuleRow> _rows = [];
    private readonly List<StudentModuleHistoryRow> _history = [];
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Username { get; } = username;

    /// <summary>The learner's batch this one was folded onto (null: folded onto durable state only). It is queued before
    /// this one, so taken and decided first: a learner appears at most once per transaction, and transactions run one at
    /// a time.</summary>
    public QueuedLearnerBatch? After { get; private set; } = after;

    /// <summary>Set, under the committer's lock, when a transaction takes the batch (or it is dropped unwritten).</summary>
    public bool IsTaken { get; private set; }

    public int RowCount => _rows.Count;

    /// <summary>Completes when the batch is durable; fails with its transaction, or with
    /// <see cref="LearnerBatchNotWrittenException"/>.</summary>
    public Task Committed => _committed.Task;

    /// <summary>Whether the batch it was folded onto failed or was not written, so it must not be written either.</summary>
    public bool FollowsAFailure => After is { Committed.IsCompletedSuccessfully: false };

    public void Add(IReadOnlyList<StudentModuleRow> rows, IReadOnlyList<StudentModuleHistoryRow> history)
    {
        foreach (var row in rows)
            _rows[(row.ContextKey, row.UsageKey)] = row;
        _history.AddRange(history);
    }

    /// <summary>Marks the batch taken and answers what its transaction writes.</summary>
    public LearnerStateBatch Take()
    {
        IsTaken = true;
        After = null; // decided; no need to keep the chain alive
        return new LearnerStateBatch(Username, [.. _rows.Values], [.. _history]);
    }

    /// <summary>Marks the batch taken without writing it (it follows a failure).</summary>
    public void Drop()
    {
        IsTaken = true;
        After = null;
    }

    public void Succeed() => _committed.TrySetResult();

    public void Fail(Exception exception) => _committed.TrySetException(exception);
}

/// <summary>A learner's batch was not written because the learner's batch it was folded onto did not commit; its writes
/// are neither failed nor done: the grain folds them again onto the state re-read from the store.</summary>
internal sealed class LearnerBatchNotWrittenException(string username)
    : Exception($"The courseware state batch of '{username}' was not written: the batch before it did not commit.");
