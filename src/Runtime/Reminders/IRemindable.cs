namespace Actors.Runtime;

/// <summary>Implemented by grains that register durable reminders; the runtime calls it on every tick.</summary>
public interface IRemindable : IGrain
{
    /// <summary>A tick of reminder <paramref name="reminderName"/>. Runs as an ordinary grain call (it activates the grain
    /// and obeys its turn rules). Ticks may be skipped while no silo runs and may, rarely, repeat: make it idempotent.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>The schedule of a reminder tick.</summary>
/// <param name="FirstTickTime">When the reminder first fired (its start).</param>
/// <param name="Period">The period.</param>
/// <param name="CurrentTickTime">The scheduled time of this tick (start + k·period).</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);

/// <summary>A handle to a registered reminder.</summary>
public interface IGrainReminder
{
    /// <summary>The reminder's name, unique per grain.</summary>
    string ReminderName { get; }

    /// <summary>When the first tick is due; later ticks are at this plus multiples of <see cref="Period"/>.</summary>
    DateTimeOffset StartAt { get; }

    /// <summary>The period.</summary>
    TimeSpan Period { get; }
}
