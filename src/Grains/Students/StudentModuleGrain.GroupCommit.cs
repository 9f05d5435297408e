using System.Collections.Immutable;
using Actors.Grains.Students.State;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Students;

/// <summary>
/// Group commit of courseware state writes. Write calls are <c>[AlwaysInterleave]</c>, so while one waits for its batch
/// the next ones run and join the batch. The first write into an empty batch starts the flush loop, which waits up to
/// <see cref="StudentStateOptions.FlushWindow"/> (less if the batch reaches <see cref="StudentStateOptions.MaxBatchSize"/>),
/// then commits batches one after another until none is pending; writes arriving during a flush form the next batch.
/// A flush hands its folded batch to the silo's <see cref="StudentStateCommitter"/>, which writes the batches of many
/// learners in one store transaction; the flush completes when that transaction commits or fails. Everything here runs on the activation's scheduler (one turn at a time), so the lists
/// need no locks.
/// <para>A batch is folded onto the durable rows only at flush time, in write order; if its transaction fails, exactly
/// its writes fail (and those of the other learners in that transaction fail their own batches), the durable snapshot was never touched, and the contexts it touched are re-read from the store on
/// next use (a failed commit's outcome may be unknown). A later batch is folded onto that re-read state, so no failed
/// write leaks into it. Deactivation (idle collection, graceful silo shutdown) waits for the loop to finish first.</para>
/// </summary>
internal sealed partial class StudentModuleGrain
{
    private readonly List<StateWrite> _pending = [];
    private Task? _flushLoop;
    private TaskCompletionSource? _batchFull;
    private long _lastWriteTicks;
    private long _writes;
    private long _flushes;
    private long _failedFlushes;
    private long _failedWrites;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        while (_pending.Count > 0 || _flushLoop is { IsCompleted: false })
        {
            if (_flushLoop is not { IsCompleted: false })
                _flushLoop = FlushLoopAsync(waitForMore: false);
            await _flushLoop;
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private Task EnqueueAsync(StateWrite write)
    {
        _pending.Add(write);
        if (_pending.Count >= StateOptions.MaxBatchSize)
            _batchFull?.TrySetResult();
        if (_flushLoop is not { IsCompleted: false })
            _flushLoop = FlushLoopAsync(waitForMore: true);
        return write.Durable.Task;
    }

    /// <summary>Flushes batches until none is pending. Never throws: a failed flush fails its writes.</summary>
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

        while (_pending.Count > 0)
        {
            var count = Math.Min(_pending.Count, StateOptions.MaxBatchSize);
            var batch = _pending.GetRange(0, count);
            _pending.RemoveRange(0, count);
            await FlushAsync(batch);
        }
    }

    private async Task FlushAsync(List<StateWrite> batch)
    {
        var contextKeys = batch.SelectMany(w => w.ContextKeys).Distinct(StringComparer.Ordinal).ToList();
        try
        {
            var durable = new Dictionary<string, ImmutableDictionary<string, StudentModuleRow>>(StringComparer.Ordinal);
            foreach (var contextKey in contextKeys)
                durable[contextKey] = await ModulesAsync(contextKey, CancellationToken.None);
            var folded = StateBatch.Fold(batch, durable);
            var rows = folded.Rows;
            if (rows.Count > 0)
            {
                await committer.CommitAsync(new LearnerStateBatch(Username, rows, folded.History));
                _flushes++;
            }

            foreach (var contextKey in contextKeys)
                _modules[contextKey] = Task.FromResult(folded.ApplyTo(contextKey, durable[contextKey]));
            _writes += batch.Count;
            LogStateFlushed(Username, batch.Count, rows.Count, folded.History.Count);
            foreach (var write in batch)
                write.Durable.TrySetResult();
        }
        catch (Exception exception)
        {
            foreach (var contextKey in contextKeys)
                _modules.Remove(contextKey);
            _failedFlushes++;
            _failedWrites += batch.Count;
            LogStateFlushFailed(exception, Username, batch.Count);
            foreach (var write in batch)
                write.Durable.TrySetException(exception);
        }
    }

    /// <summary>Now (whole microseconds), but always after the previous write of this activation, so the rows' and
    /// history's times follow write order.</summary>
    private DateTimeOffset NextWriteTime()
    {
        _lastWriteTicks = Math.Max(Now().UtcTicks, _lastWriteTicks + TicksPerMicrosecond);
        return new DateTimeOffset(_lastWriteTicks, TimeSpan.Zero);
    }

    [LoggerMessage(StudentEventIds.StateFlushed, LogLevel.Debug,
        "Learner {Username}: committed {Writes} state writes as {Rows} rows and {History} history rows in one transaction")]
    private partial void LogStateFlushed(string username, int writes, int rows, int history);

    [LoggerMessage(StudentEventIds.StateFlushFailed, LogLevel.Warning,
        "Learner {Username}: committing a batch of {Writes} state writes failed; they fail, and the learner's state is re-read from the store on next use")]
    private partial void LogStateFlushFailed(Exception exception, string username, int writes);
}
