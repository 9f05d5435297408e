using System.Collections.Concurrent;

namespace Actors.Runtime.Tests.Grains;

/// <summary>One reminder tick as a grain received it: which grain, which due time, on which silo, and when.</summary>
public sealed record ReminderTick(string GrainKey, string ReminderName, DateTimeOffset DueTime, string SiloName, DateTimeOffset ReceivedAt);

/// <summary>Every tick <see cref="TickRecordingReminderGrain"/> activations received in this process, for cluster tests
/// that follow reminders across silos.</summary>
public static class ReminderTickLog
{
    private static readonly ConcurrentQueue<ReminderTick> Ticks = new();

    public static void Add(ReminderTick tick) => Ticks.Enqueue(tick);

    public static IReadOnlyList<ReminderTick> Of(string grainKey) => Ticks.Where(t => t.GrainKey == grainKey).ToList();
}
