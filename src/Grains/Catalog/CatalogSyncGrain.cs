using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Catalog;

/// <summary>
/// The catalog sync grain. Requests are short turns: a start sets the run going as a background task on the grain's
/// scheduler (<c>CatalogSyncGrain.Run.cs</c>) and answers; a status read interleaves with everything. Only the run and
/// <see cref="ScheduleAsync"/> write the grain's state (<c>catalog-sync</c>: the run counter, the registered reminder
/// period and the recent runs), one write at a time.
/// </summary>
internal sealed partial class CatalogSyncGrain(
    [PersistentState("catalog-sync")] IPersistentState<CatalogSyncGrain.Stored> state,
    IOptionsMonitor<CatalogOptions> options,
    DiscoveryClient discovery,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<CatalogSyncGrain> logger) : Grain, ICatalogSyncGrain, IRemindable
{
    /// <summary>The name of the sync's reminder.</summary>
    public const string ReminderName = "catalog-sync";

    private readonly SemaphoreSlim _stateWrites = new(1, 1);

    /// <summary>The stored form.</summary>
    [GenerateSerializer, Alias("actors.CatalogSyncGrain.Stored")]
    internal sealed class Stored
    {
        /// <summary>The id of the last run started.</summary>
        [Id(0)]
        public long LastRunId { get; set; }

        /// <summary>The period the reminder was registered with, to re-register only when it changes.</summary>
        [Id(1)]
        public TimeSpan? ReminderPeriod { get; set; }

        /// <summary>Recent runs, newest first.</summary>
        [Id(2)]
        public List<CatalogSyncRun> Runs { get; set; } = [];
    }

    private string Site => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A run recorded as running was cut short by a stopped or dead silo: it is over.
        var interrupted = state.State.Runs.Where(r => r.State == CatalogSyncRunState.Running).ToList();
        if (interrupted.Count == 0)
            return;
        foreach (var run in interrupted)
            LogRunInterrupted(Site, run.Id, run.Silo);
        state.State.Runs = state.State.Runs
            .Select(r => r.State == CatalogSyncRunState.Running ? r with { State = CatalogSyncRunState.Interrupted, Error = "the silo running it stopped" } : r)
            .ToList();
        await WriteStateAsync(cancellationToken);
    }

    public async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var existing = await this.GetReminder(ReminderName);
        if (!settings.Enabled)
        {
            if (existing is not null)
            {
                await this.UnregisterReminder(existing);
                state.State.ReminderPeriod = null;
                await WriteStateAsync(cancellationToken);
                LogReminderRemoved(Site);
            }

            return;
        }

        if (existing is not null && state.State.ReminderPeriod == settings.SyncPeriod)
            return;
        var due = existing is null ? settings.FirstSyncDelay : settings.SyncPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, due, settings.SyncPeriod);
        state.State.ReminderPeriod = settings.SyncPeriod;
        await WriteStateAsync(cancellationToken);
        LogReminderRegistered(Site, settings.SyncPeriod, due);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
            return Task.CompletedTask;
        if (!options.CurrentValue.Enabled)
        {
            LogTickWhileDisabled(Site);
            return ScheduleAsync(CancellationToken.None); // removes the reminder
        }

        // The tick only starts the run (or finds one going); the run does not hold it.
        Start(CatalogSyncTrigger.Reminder);
        return Task.CompletedTask;
    }

    public Task<CatalogSyncStart> StartAsync(CatalogSyncTrigger trigger, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Enabled)
            return Task.FromResult(new CatalogSyncStart(CatalogSyncStartOutcome.Disabled, null));
        return Task.FromResult(Start(trigger));
    }

    public Task<CatalogSyncStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var current = _current?.Snapshot(time);
        var recent = state.State.Runs.Select(r => current is not null && r.Id == current.Id ? current : r).ToList();
        if (current is not null && recent.All(r => r.Id != current.Id))
            recent.Insert(0, current);
        return Task.FromResult(new CatalogSyncStatus(
            Site, settings.Enabled, settings.ApiUrl?.ToString(), settings.PageSize, settings.SyncPeriod, current, recent));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_current is { } run && _runTask is { } task)
        {
            run.Stop.Cancel(); // the run records itself as interrupted
            await task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <summary>Writes the state, one write at a time (the run and <see cref="ScheduleAsync"/> both write).</summary>
    private async Task WriteStateAsync(CancellationToken cancellationToken)
    {
        await _stateWrites.WaitAsync(cancellationToken);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        finally
        {
            _stateWrites.Release();
        }
    }
}
