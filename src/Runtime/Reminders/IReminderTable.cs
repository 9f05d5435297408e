using Actors.Runtime.Placement;

namespace Actors.Runtime.Reminders;

/// <summary>A durable reminder row.</summary>
/// <param name="GrainId">The grain that receives the ticks.</param>
/// <param name="ReminderName">The reminder's name, unique per grain.</param>
/// <param name="StartAt">The first tick; tick k is at StartAt + k·Period.</param>
/// <param name="Period">The period.</param>
/// <param name="ETag">The row version; null for a row not yet written.</param>
/// <param name="LastTick">The scheduled time of the last tick delivered, so a new owner can deliver one missed tick.</param>
public sealed record ReminderEntry(
    GrainId GrainId,
    string ReminderName,
    DateTimeOffset StartAt,
    TimeSpan Period,
    string? ETag = null,
    DateTimeOffset? LastTick = null) : IGrainReminder;

/// <summary>
/// Durable storage of reminders. Rows are keyed by (grain type, grain key, reminder name) and carry the grain's
/// <see cref="GrainId.UniformHash"/> so a silo can read the rows of its ring ranges in one query.
/// <para>Contract, for every implementation:</para>
/// <list type="bullet">
/// <item><see cref="UpsertRowAsync"/> is last-writer-wins; it replaces start, period and last tick and returns the new ETag.</item>
/// <item><see cref="RemoveRowAsync"/> deletes only if the stored ETag matches, and returns whether it deleted.</item>
/// <item><see cref="RecordTickAsync"/> updates only the last delivered tick, without changing the ETag; false if the row is gone.</item>
/// <item><see cref="ReadRowsAsync(RingRange, CancellationToken)"/> returns the rows whose hash lies in the range, wrapping ranges included.</item>
/// </list>
/// </summary>
public interface IReminderTable
{
    /// <summary>The rows of grains whose hash lies in <paramref name="range"/>.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(RingRange range, CancellationToken cancellationToken);

    /// <summary>The rows of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>One row, or null.</summary>
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a row; returns its new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Deletes a row if its ETag still matches.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken);

    /// <summary>Records the scheduled time of the last delivered tick.</summary>
    Task<bool> RecordTickAsync(GrainId grainId, string reminderName, DateTimeOffset tick, CancellationToken cancellationToken);
}
