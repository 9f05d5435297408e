using System.Collections.Concurrent;
using System.Globalization;
using Actors.Runtime.Placement;

namespace Actors.Runtime.Reminders;

/// <summary>Reminder rows in process memory: for tests and for silos whose reminders may be lost on restart.</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> _rows = new();
    private long _version;

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(RingRange range, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => range.Contains(r.GrainId.UniformHash)).ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.GrainId == grainId).ToList());

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));

    /// <inheritdoc />
    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        var eTag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = eTag };
        return Task.FromResult(eTag);
    }

    /// <inheritdoc />
    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        var key = (grainId, reminderName);
        return Task.FromResult(_rows.TryGetValue(key, out var row) && row.ETag == eTag
                               && _rows.TryRemove(new KeyValuePair<(GrainId, string), ReminderEntry>(key, row)));
    }

    /// <inheritdoc />
    public Task<bool> RecordTickAsync(GrainId grainId, string reminderName, DateTimeOffset tick, CancellationToken cancellationToken)
    {
        var key = (grainId, reminderName);
        while (_rows.TryGetValue(key, out var row))
        {
            if (_rows.TryUpdate(key, row with { LastTick = tick }, row))
                return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }
}
