using System.Collections.Immutable;
using Actors.Grains.Students.State;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Students;

/// <summary>
/// Group commit of courseware state writes. Write calls are <c>[AlwaysInterleave]</c>, so while one waits for its batch
/// the next ones run and join the pending writes. The first write into an empty pending list starts the flush loop, which
/// waits up to <see cref="StudentStateOptions.FlushWindow"/> (less if <see cref="StudentStateOptions.MaxBatchSize"/>
/// writes are pending), then folds the pending writes and hands them to the silo's <see cref="StudentStateCommitter"/>,
/// which writes the batches of many learners in one store transaction. The loop does not wait for the commit: while a
/// learner's batch is in the store, its next writes are folded onto it (onto the rows in flight) and join the batch
/// queued behind it, which the committer's next transaction takes whole. Each write completes when the transaction
/// holding it commits, or fails with it. Everything here runs on the activation's scheduler (one turn at a time), so the
/// lists need no locks.
/// <para>The durable snapshot (what reads see) changes only when a batch commits. If a transaction fails, exactly the
/// writes of the learner's batch in it fail (and the other learners in that transaction fail theirs); the contexts it
/// touched are re-read from the store on next use (a failed commit's outcome may be unknown); the batch queued behind
/// it, folded onto it, is not written (<see cref="LearnerBatchNotWrittenException"/>) and its writes are folded again,
/// in order and before any newer write, onto that re-read state once nothing of the learner is in flight — so no
/// failed write leaks into a later one. Deactivation (idle collection, graceful silo shutdown) waits until nothing is
/// pending or in flight.</para>
/// </summary>
internal sealed partial class StudentModuleGrain
{
    private readonly List<StateWrite> _pending = [];

    // The learner's batches handed to the committer and not yet decided, oldest first.
    private readonly List<InFlightBatch> _inFlight = [];

    // The rows of those batches, the latest per block: what the next fold builds on.
    private readonly Dictionary<(string ContextKey, string UsageKey), StudentModuleRow> _inFlightRows = [];

    // The writes of batches not written because a batch before them failed, in write order.
    private readonly List<StateWrite> _refold = [];
    private Task? _flushLoop;
    private TaskCompletionSource? _batchFull;
    private bool _recovering;
    private long _lastWriteTicks;
    private long _writes;
    private long _flushes;
    private long _failedFlushes;
    private long _failedWrites;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        while (_pending.Count > 0 || _flushLoop is { IsCompleted: false } || _inFlight.Count > 0)
        {
            if (_flushLoop is { IsCompleted: false })
                await _flushLoop;
            else if (_inFlight.Count > 0)
                await Task.WhenAll(_inFlight.Select(b => b.Decided));
            else
                _flushLoop = FlushLoopAsync(waitForMore: false);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private Task EnqueueAsync(StateWrite write)
    {
        _pending.Add(write);
        if (_pending.Count >= StateOptions.MaxBatchSize)
            _batchFull?.TrySetResult();
        StartFlushLoop(waitForMore: true);
        return write.Durable.Task;
    }

    private void StartFlushLoop(bool waitForMore)
    {
        if (_flushLoop is not { IsCompleted: false } && !_recovering)
            _flushLoop = FlushLoopAsync(waitForMore);
    }

    /// <summary>Folds and hands over pending writes until none is left (or a failure is being recovered from). Never
    /// throws: a write that cannot be folded fails.</summary>
    private async Task FlushLoopAsync(bool waitForMore)
    {
        var window = StateOptions.FlushWindow;
        if (waitForMore && window > TimeSpan.Zero && _pending.Count < StateOptions.MaxBatchSize)
        {
            _batchFull = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAny(Task.Delay(window, time), _batchFull.Task);
            _batchFull = null;
        }
        else
        {
            await Task.Yield(); // let the writes already queued on the activation join
        }

        while (_pending.Count > 0 && !_recovering)
        {
            var count = Math.Min(_pending.Count, StateOptions.MaxBatchSize);
            var batch = _pending.GetRange(0, count);
            _pending.RemoveRange(0, count);
            await HandOverAsync(batch);
        }
    }

    /// <summary>Folds <paramref name="batch"/> onto the durable rows and the rows in flight, and hands it to the committer
    /// (joining the learner's batch still queued there when there is room).</summary>
    private async Task HandOverAsync(List<StateWrite> batch)
    {
        var contextKeys = batch.SelectMany(w => w.ContextKeys).Distinct(StringComparer.Ordinal).ToList();
        Dictionary<string, ImmutableDictionary<string, StudentModuleRow>> durable;
        try
        {
            durable = await DurableRowsAsync(contextKeys);
        }
        catch (Exception exception)
        {
            Fail(batch, contextKeys, exception);
            return;
        }

        if (_recovering)
        {
            // A batch in flight failed while the rows loaded: these writes are folded after those to be folded again.
            _pending.InsertRange(0, batch);
            return;
        }

        StateBatch folded;
        try
        {
            folded = StateBatch.Fold(batch, durable, _inFlightRows);
        }
        catch (Exception exception)
        {
            Fail(batch, contextKeys, exception);
            return;
        }

        var rows = folded.Rows;
        var last = _inFlight.Count > 0 ? _inFlight[^1] : null;
        if (rows.Count == 0 && last is null)
        {
            // Nothing to write, and nothing in flight that it depends on: done.
            _writes += batch.Count;
            foreach (var write in batch)
                write.Durable.TrySetResult();
            return;
        }

        var mayJoin = last is not null && last.Writes.Count + batch.Count <= StateOptions.MaxBatchSize;
        var queued = committer.Submit(Username, rows, folded.History, last?.Queued, mayJoin);
        var inFlight = last;
        var isNew = inFlight is null || !ReferenceEquals(queued, inFlight.Queued);
        if (isNew)
        {
            inFlight = new InFlightBatch(queued);
            _inFlight.Add(inFlight);
        }

        inFlight!.Add(batch, rows, folded.History.Count);
        foreach (var row in rows)
            _inFlightRows[(row.ContextKey, row.UsageKey)] = row;

        // Only now, with the writes in it: the committer may have decided the batch already (its transaction ran on the
        // thread pool while this turn was descheduled), and then the verdict is handled at once, in this turn.
        if (isNew)
            inFlight.Decided = AwaitDecisionAsync(inFlight);
    }

    /// <summary>The durable rows of <paramref name="contextKeys"/>, loaded if need be, all taken in the same turn (so a
    /// batch committing while one loads is not missed).</summary>
    private async Task<Dictionary<string, ImmutableDictionary<string, StudentModuleRow>>> DurableRowsAsync(List<string> contextKeys)
    {
        while (true)
        {
            foreach (var contextKey in contextKeys)
                await ModulesAsync(contextKey, CancellationToken.None);
            if (contextKeys.All(c => _modules.TryGetValue(c, out var rows) && rows.IsCompletedSuccessfully))
                return contextKeys.ToDictionary(c => c, c => _modules[c].Result, StringComparer.Ordinal);
        }
    }

    /// <summary>Waits for the committer's verdict on <paramref name="batch"/>, then acknowledges its writes (and makes its
    /// rows durable in memory), fails them, or sets them aside to be folded again.</summary>
    private async Task AwaitDecisionAsync(InFlightBatch batch)
    {
        try
        {
            await batch.Queued.Committed;
            Committed(batch);
        }
        catch (LearnerBatchNotWrittenException)
        {
            _recovering = true;
            _refold.AddRange(batch.Writes);
        }
        catch (Exception exception)
        {
            _recovering = true;
            _inFlightRows.Clear();
            Fail(batch.Writes, batch.Writes.SelectMany(w => w.ContextKeys).Distinct(StringComparer.Ordinal), exception);
        }

        _inFlight.Remove(batch);
        if (_recovering && _inFlight.Count == 0)
        {
            _recovering = false;
            _inFlightRows.Clear();
            _pending.InsertRange(0, _refold);
            _refold.Clear();
            if (_pending.Count > 0)
                StartFlushLoop(waitForMore: false);
        }
    }

    private void Committed(InFlightBatch batch)
    {
        foreach (var byContext in batch.Rows.Values.GroupBy(r => r.ContextKey, StringComparer.Ordinal))
        {
            if (_modules.TryGetValue(byContext.Key, out var current) && current.IsCompletedSuccessfully)
                _modules[byContext.Key] = Task.FromResult(current.Result.SetItems(byContext.Select(r => KeyValuePair.Create(r.UsageKey, r))));
            else
                _modules.Remove(byContext.Key); // not in memory as it was folded: read it again on next use
        }

        foreach (var (key, row) in batch.Rows)
        {
            if (_inFlightRows.TryGetValue(key, out var latest) && ReferenceEquals(latest, row))
                _inFlightRows.Remove(key);
        }

        if (batch.Rows.Count > 0)
            _flushes++;
        _writes += batch.Writes.Count;
        LogStateFlushed(Username, batch.Writes.Count, batch.Rows.Count, batch.HistoryCount);
        foreach (var write in batch.Writes)
            write.Durable.TrySetResult();
    }

    private void Fail(IReadOnlyList<StateWrite> writes, IEnumerable<string> contextKeys, Exception exception)
    {
        foreach (var contextKey in contextKeys)
            _modules.Remove(contextKey);
        _failedFlushes++;
        _failedWrites += writes.Count;
        LogStateFlushFailed(exception, Username, writes.Count);
        foreach (var write in writes)
            write.Durable.TrySetException(exception);
    }

    /// <summary>Now (whole microseconds), but always after the previous write of this activation, so the rows' and
    /// history's times follow write order.</summary>
    private DateTimeOffset NextWriteTime()
    {
        _lastWriteTicks = Math.Max(Now().UtcTicks, _lastWriteTicks + TicksPerMicrosecond);
        return new DateTimeOffset(_lastWriteTicks, TimeSpan.Zero);
    }

    /// <summary>A batch of the learner handed to the committer: the writes folded into it and its rows (the latest per
    /// block), as the grain knows them.</summary>
    private sealed class InFlightBatch(QueuedLearnerBatch queued)
    {
        public QueuedLearnerBatch Queued { get; } = queued;

        public List<StateWrite> Writes { get; } = [];

        public Dictionary<(string ContextKey, string UsageKey), StudentModuleRow> Rows { get; } = [];

        public int HistoryCount { get; private set; }

        /// <summary>Completes once the grain has handled the committer's verdict.</summary>
        public Task Decided { get; set; } = Task.CompletedTask;

        public void Add(List<StateWrite> writes, IReadOnlyList<StudentModuleRow> rows, int history)
        {
            Writes.AddRange(writes);
            foreach (var row in rows)
                Rows[(row.ContextKey, row.UsageKey)] = row;
            HistoryCount += history;
        }
    }

    [LoggerMessage(StudentEventIds.StateFlushed, LogLevel.Debug,
        "Learner {Username}: committed {Writes} state writes as {Rows} rows and {History} history rows in one transaction")]
    private partial void LogStateFlushed(string username, int writes, int rows, int history);

    [LoggerMessage(StudentEventIds.StateFlushFailed, LogLevel.Warning,
        "Learner {Username}: committing a batch of {Writes} state writes failed; they fail, and the learner's state is re-read from the store on next use")]
    private partial void LogStateFlushFailed(Exception exception, string username, int writes);
}
