using System.Collections.Concurrent;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Reminders;

/// <summary>
/// Delivers the ticks of the reminders this silo owns. It reads the rows of its ring range from the
/// <see cref="IReminderTable"/> at start and every <see cref="ReminderOptions.RefreshPeriod"/>, keeps one timer per
/// reminder due at the next start + k·period, and calls <see cref="IRemindable.ReceiveReminder"/> as a grain call.
/// The next tick is scheduled after the call returns, from the current time, so slow grains skip ticks instead of
/// piling them up. On loading a row it delivers at most one tick missed while no silo owned it (from the row's last tick).
/// A single silo owns the whole ring; in a cluster each silo serves the ranges of its ring points (<see cref="SetRanges"/>,
/// called on every view change), so a reminder whose range moves is picked up by its new owner at once, with the one
/// missed tick if it fell due while the range had no owner.
/// </summary>
internal sealed partial class ReminderService(
    IReminderTable table,
    IGrainFactory grainFactory,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<ReminderService> logger) : IAsyncDisposable
{
    private readonly IReminderTable _table = table;
    private readonly IGrainFactory _grainFactory = grainFactory;
    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<(GrainId, string), LocalReminder> _reminders = new();
    private readonly CancellationTokenSource _stopping = new();
    // A stand-alone silo owns the whole ring; a cluster member owns nothing until its first view gives it ranges.
    private IReadOnlyList<RingRange> _ranges = cluster.Value.Enabled ? [] : [RingRange.Full];
    private ITimer? _refreshTimer;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile bool _started;

    public int Count => _reminders.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Started before the first read, so ranges set while it reads start a read of their own (it discards its rows).
        _started = true;
        await RefreshAsync(cancellationToken);
        var period = options.Value.RefreshPeriod;
        _refreshTimer = _time.CreateTimer(static state => _ = ((ReminderService)state!).RefreshSafelyAsync(), this, period, period);
    }

    /// <summary>Re-reads the owned rows: starts new ones, restarts changed ones, stops vanished ones.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // One refresh at a time, so two readers never both start the same new reminder (and deliver its missed tick twice).
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await RefreshOnceAsync(cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshOnceAsync(CancellationToken cancellationToken)
    {
        var ranges = Volatile.Read(ref _ranges);
        var rows = new List<ReminderEntry>();
        foreach (var range in ranges)
            rows.AddRange(await _table.ReadRowsAsync(range, cancellationToken));
        if (!ReferenceEquals(ranges, Volatile.Read(ref _ranges)))
            return; // the ranges changed while reading; the refresh they started reads the new ones
        var seen = new HashSet<(GrainId, string)>();
        foreach (var row in rows)
        {
            var key = (row.GrainId, row.ReminderName);
            seen.Add(key);
            if (_reminders.TryGetValue(key, out var existing) && existing.Entry.ETag == row.ETag)
                continue;
            Track(row, deliverMissedTick: existing is null);
        }

        foreach (var (key, reminder) in _reminders)
        {
            if (!seen.Contains(key) && _reminders.TryRemove(new(key, reminder)))
                reminder.Dispose();
        }

        LogRemindersLoaded(rows.Count, ranges.Count);
    }

    /// <summary>Serves the reminders of <paramref name="ranges"/> from now on: reads them at once (when started),
    /// stopping the ones outside and starting new ones.</summary>
    public void SetRanges(IReadOnlyList<RingRange> ranges)
    {
        Volatile.Write(ref _ranges, ranges);
        if (_started)
            _ = RefreshSafelyAsync();
    }

    private async Task RefreshSafelyAsync()
    {
        try
        {
            await RefreshAsync(_stopping.Token);
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            LogReminderLoadFailed(exception, options.Value.RefreshPeriod);
        }
    }

    /// <summary>Starts (or restarts) delivering a reminder that was just written to the table.</summary>
    public void Track(ReminderEntry entry, bool deliverMissedTick)
    {
        var reminder = new LocalReminder(this, entry);
        var key = (entry.GrainId, entry.ReminderName);
        if (_reminders.TryGetValue(key, out var previous))
            previous.Dispose();
        _reminders[key] = reminder;
        reminder.Start(deliverMissedTick);
    }

    /// <summary>Stops delivering a reminder that was removed from the table.</summary>
    public void Untrack(GrainId grainId, string reminderName)
    {
        if (_reminders.TryRemove((grainId, reminderName), out var reminder))
            reminder.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _refreshTimer?.Dispose();
        foreach (var reminder in _reminders.Values)
            reminder.Dispose();
        _reminders.Clear();
    }

    /// <summary>One reminder's delivery loop.</summary>
    private sealed class LocalReminder(ReminderService service, ReminderEntry entry) : IDisposable
    {
        private ITimer? _timer;
        private DateTimeOffset _nextTick;
        private volatile bool _disposed;

        public ReminderEntry Entry { get; } = entry;

        public void Start(bool deliverMissedTick)
        {
            var now = service._time.GetUtcNow();
            var missed = deliverMissedTick ? ReminderSchedule.MissedTick(Entry.StartAt, Entry.Period, Entry.LastTick, now) : null;
            _timer = service._time.CreateTimer(static state => _ = ((LocalReminder)state!).TickAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (missed is { } tick)
            {
                service.LogMissedTickDelivered(Entry.GrainId, Entry.ReminderName, tick);
                _nextTick = tick;
                _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
            else
            {
                ScheduleFrom(now);
            }
        }

        private void ScheduleFrom(DateTimeOffset notBefore)
        {
            if (_disposed)
                return;
            var now = service._time.GetUtcNow();
            _nextTick = ReminderSchedule.NextTick(Entry.StartAt, Entry.Period, notBefore > now ? notBefore : now);
            var due = _nextTick - now;
            _timer!.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }

        private async Task TickAsync()
        {
            if (_disposed)
                return;
            var tick = _nextTick;
            try
            {
                var grain = service._grainFactory.GetGrain<IRemindable>(Entry.GrainId);
                await grain.ReceiveReminder(Entry.ReminderName, new TickStatus(Entry.StartAt, Entry.Period, tick));
                await service._table.RecordTickAsync(Entry.GrainId, Entry.ReminderName, tick, service._stopping.Token);
            }
            catch (Exception exception) when (!_disposed)
            {
                service.LogReminderTickFailed(exception, Entry.GrainId, Entry.ReminderName, tick);
            }
            catch (Exception) when (_disposed)
            {
                return;
            }

            ScheduleFrom(tick + TimeSpan.FromTicks(1));
        }

        public void Dispose()
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }

    [LoggerMessage(EventIds.RemindersLoaded, LogLevel.Debug, "Loaded {Count} reminder rows for {Ranges} ring ranges")]
    private partial void LogRemindersLoaded(int count, int ranges);

    [LoggerMessage(EventIds.ReminderLoadFailed, LogLevel.Warning, "Reading reminders from the table failed; retrying in {RetryIn}")]
    private partial void LogReminderLoadFailed(Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventIds.ReminderTickFailed, LogLevel.Warning, "Tick {Tick:o} of reminder '{ReminderName}' of grain {GrainId} failed; the next tick is scheduled as usual")]
    private partial void LogReminderTickFailed(Exception exception, GrainId grainId, string reminderName, DateTimeOffset tick);

    [LoggerMessage(EventIds.ReminderMissedTickDelivered, LogLevel.Information, "Delivering missed tick {Tick:o} of reminder '{ReminderName}' of grain {GrainId}")]
    private partial void LogMissedTickDelivered(GrainId grainId, string reminderName, DateTimeOffset tick);
}
