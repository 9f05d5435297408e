using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Reminders;

/// <summary>
/// The grain-facing side of reminders (<see cref="Grain.RegisterOrUpdateReminder"/> and friends): validates, writes
/// the table, and tells the <see cref="ReminderService"/> that delivers the grain's ticks.
/// </summary>
internal sealed partial class ReminderRegistry(
    IReminderTable table,
    ReminderService service,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    ILogger<ReminderRegistry> logger)
{
    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, Grain grain, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (grain is not IRemindable)
            throw new InvalidOperationException($"Grain {grainId} must implement IRemindable to register reminders.");
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (dueTime < TimeSpan.Zero || dueTime == Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or positive and finite.");
        var minimum = options.Value.MinimumReminderPeriod;
        if (period < minimum || period == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"The reminder period must be finite and at least Actors:Reminders:MinimumReminderPeriod ({minimum}).");
        }

        var entry = new ReminderEntry(grainId, reminderName, time.GetUtcNow() + dueTime, period);
        var eTag = await table.UpsertRowAsync(entry, CancellationToken.None);
        entry = entry with { ETag = eTag };
        service.Track(entry, deliverMissedTick: false);
        LogReminderRegistered(grainId, reminderName, entry.StartAt, period);
        return entry;
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName) =>
        await table.ReadRowAsync(grainId, reminderName, CancellationToken.None);

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId) =>
        await table.ReadRowsAsync(grainId, CancellationToken.None);

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder)
    {
        var eTag = (reminder as ReminderEntry)?.ETag
            ?? throw new ArgumentException("Not a reminder handle returned by this runtime.", nameof(reminder));
        if (!await table.RemoveRowAsync(grainId, reminder.ReminderName, eTag, CancellationToken.None)
            && await table.ReadRowAsync(grainId, reminder.ReminderName, CancellationToken.None) is not null)
        {
            throw new InvalidOperationException(
                $"Reminder '{reminder.ReminderName}' of grain {grainId} changed since this handle was obtained; get it again and retry.");
        }

        service.Untrack(grainId, reminder.ReminderName);
        LogReminderUnregistered(grainId, reminder.ReminderName);
    }

    [LoggerMessage(EventIds.ReminderRegistered, LogLevel.Debug, "Registered reminder '{ReminderName}' of grain {GrainId}, first tick {StartAt:o}, period {Period}")]
    private partial void LogReminderRegistered(GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period);

    [LoggerMessage(EventIds.ReminderUnregistered, LogLevel.Debug, "Unregistered reminder '{ReminderName}' of grain {GrainId}")]
    private partial void LogReminderUnregistered(GrainId grainId, string reminderName);
}
