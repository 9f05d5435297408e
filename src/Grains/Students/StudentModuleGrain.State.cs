using System.Collections.Immutable;
using Actors.Grains.Students.State;

namespace Actors.Grains.Students;

/// <summary>
/// The user-state client over the learner's <c>student_module</c> rows. Each learning context's rows load on first use
/// and are kept as an immutable snapshot of the <b>durable</b> state: reads answer from it (so a read never waits for, nor
/// sees, a pending batch), and only a committed flush replaces it (<c>StudentModuleGrain.GroupCommit.cs</c>).
/// </summary>
internal sealed partial class StudentModuleGrain
{
    // Durable rows per learning context, by usage key. Loads are shared and not cancelled by any one caller; a faulted
    // load, or a context dropped after a failed flush (whose outcome may be unknown), is read again on next use.
    private readonly Dictionary<string, Task<ImmutableDictionary<string, StudentModuleRow>>> _modules = new(StringComparer.Ordinal);

    private StudentStateOptions StateOptions => stateOptions.Value;

    public async Task<XBlockUserState?> GetStateAsync(string usageKey, IReadOnlyList<string>? fields, CancellationToken cancellationToken)
    {
        var key = StateArguments.BlockKey(usageKey, nameof(usageKey));
        StateArguments.Fields(fields, nameof(fields));
        var rows = await ModulesAsync(key.ContextKey, cancellationToken);
        return rows.TryGetValue(key.UsageKey, out var row) ? Read(row, fields) : null;
    }

    public async Task<IReadOnlyList<XBlockUserState>> GetStatesAsync(IReadOnlyList<string> usageKeys, IReadOnlyList<string>? fields,
        CancellationToken cancellationToken)
    {
        StateArguments.Count(usageKeys?.Count ?? 0, StateOptions, nameof(usageKeys));
        StateArguments.Fields(fields, nameof(fields));
        var keys = usageKeys!.Select(k => StateArguments.BlockKey(k, k ?? nameof(usageKeys))).DistinctBy(k => k.UsageKey).ToList();
        var states = new List<XBlockUserState>(keys.Count);
        foreach (var key in keys)
        {
            var rows = await ModulesAsync(key.ContextKey, cancellationToken);
            if (rows.TryGetValue(key.UsageKey, out var row) && Read(row, fields) is { } state)
                states.Add(state);
        }

        return states;
    }

    public async Task SetStateAsync(string usageKey, string state, string? userAgent, CancellationToken cancellationToken)
    {
        var key = StateArguments.BlockKey(usageKey, nameof(usageKey));
        var fields = StateArguments.State(key, state, StateOptions, nameof(state), "score");
        await WriteAsync([StateChange.Overlay(key, fields)], userAgent, "state", cancellationToken);
    }

    public async Task SetStatesAsync(IReadOnlyDictionary<string, string> states, string? userAgent, CancellationToken cancellationToken)
    {
        StateArguments.Count(states?.Count ?? 0, StateOptions, nameof(states));
        var changes = new List<StateChange>(states!.Count);
        foreach (var (usageKey, state) in states)
        {
            var key = StateArguments.BlockKey(usageKey, usageKey);
            changes.Add(StateChange.Overlay(key, StateArguments.State(key, state, StateOptions, usageKey, usageKey)));
        }

        await WriteAsync(changes, userAgent, "state", cancellationToken);
    }

    public async Task DeleteStateAsync(string usageKey, IReadOnlyList<string>? fields, string? userAgent, CancellationToken cancellationToken)
    {
        var key = StateArguments.BlockKey(usageKey, nameof(usageKey));
        StateArguments.Fields(fields, nameof(fields));
        await WriteAsync([StateChange.Delete(key, fields?.ToList())], userAgent, "state", cancellationToken);
    }

    public async Task<IReadOnlyList<XBlockUserState>?> GetStateHistoryAsync(string usageKey, CancellationToken cancellationToken)
    {
        var key = StateArguments.BlockKey(usageKey, nameof(usageKey));
        var rows = await ModulesAsync(key.ContextKey, cancellationToken);
        if (!rows.ContainsKey(key.UsageKey))
            return null;
        var history = await store.LoadStudentModuleHistoryAsync(Username, key.ContextKey, key.UsageKey, cancellationToken);
        return history.Count == 0
            ? null
            : history.Select(h => new XBlockUserState(Username, h.UsageKey, StateJson.IsAbsent(h.State) ? null : h.State, h.Created,
                XBlockUserState.UserStateScope)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, BlockScore>> GetScoresAsync(string contextKey, CancellationToken cancellationToken)
    {
        StudentModuleArguments.Key(contextKey, nameof(contextKey));
        var rows = await ModulesAsync(contextKey, cancellationToken);
        return rows.Values.Where(r => r is { Grade: not null, MaxGrade: not null })
            .ToDictionary(r => r.UsageKey, r => new BlockScore(r.UsageKey, r.Grade!.Value, r.MaxGrade!.Value, r.Modified), StringComparer.Ordinal);
    }

    public Task<StudentWriteStatistics> GetWriteStatisticsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new StudentWriteStatistics(_skippedCrawlerWrites, _writes, _flushes, _failedFlushes, _failedWrites,
            _pending.Count + _refold.Count, _inFlight.Sum(b => b.Writes.Count)));

    /// <summary>Validated changes of one call: a no-op for crawlers, else queued in the pending batch until durable.</summary>
    private async Task WriteAsync(IReadOnlyList<StateChange> changes, string? userAgent, string what, CancellationToken cancellationToken,
        StateCondition? condition = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await IsCrawlerAsync(userAgent, what))
            return;
        // Once queued the write is not abandoned when the caller stops waiting: it becomes durable or fails with its batch.
        await EnqueueAsync(new StateWrite(NextWriteTime(), changes, condition));
    }

    /// <summary>The record of a row, or null when its state reads as absent (null or <c>{}</c>). With
    /// <paramref name="fields"/>, only those that exist are kept (possibly none).</summary>
    private XBlockUserState? Read(StudentModuleRow row, IReadOnlyList<string>? fields)
    {
        var all = StateJson.Parse(row.State);
        if (all.IsEmpty)
            return null;
        var state = fields is null ? row.State! : StateJson.Write(all.Where(f => fields.Contains(f.Key, StringComparer.Ordinal)));
        return new XBlockUserState(Username, row.UsageKey, state, row.Modified, XBlockUserState.UserStateScope);
    }

    private Task<ImmutableDictionary<string, StudentModuleRow>> ModulesAsync(string contextKey, CancellationToken cancellationToken)
    {
        if (!_modules.TryGetValue(contextKey, out var rows) || rows.IsFaulted || rows.IsCanceled)
            _modules[contextKey] = rows = LoadModulesAsync(contextKey);
        return rows.WaitAsync(cancellationToken);
    }

    private async Task<ImmutableDictionary<string, StudentModuleRow>> LoadModulesAsync(string contextKey)
    {
        var rows = await store.LoadStudentModulesAsync(Username, contextKey, CancellationToken.None);
        return rows.ToImmutableDictionary(row => row.UsageKey, StringComparer.Ordinal);
    }
}
