namespace Actors.Runtime.Reminders;

/// <summary>When reminder ticks are due: pure functions of start, period and a time, tested with plain values.
/// Ticks are at start + k·period for k ≥ 0.</summary>
public static class ReminderSchedule
{
    /// <summary>The first tick at or after <paramref name="notBefore"/>.</summary>
    public static DateTimeOffset NextTick(DateTimeOffset start, TimeSpan period, DateTimeOffset notBefore)
    {
        if (notBefore <= start)
            return start;
        var elapsed = (notBefore - start).Ticks;
        var k = (elapsed + period.Ticks - 1) / period.Ticks; // ceiling
        return start + TimeSpan.FromTicks(k * period.Ticks);
    }

    /// <summary>The last tick at or before <paramref name="time"/>, or null if the first tick is later.</summary>
    public static DateTimeOffset? LastDueTick(DateTimeOffset start, TimeSpan period, DateTimeOffset time)
    {
        if (time < start)
            return null;
        var k = (time - start).Ticks / period.Ticks;
        return start + TimeSpan.FromTicks(k * period.Ticks);
    }

    /// <summary>The tick missed while nobody delivered (the last one due before <paramref name="now"/> and after
    /// <paramref name="lastDelivered"/>), or null when nothing was missed. Only this one is delivered; older ones are skipped.</summary>
    public static DateTimeOffset? MissedTick(DateTimeOffset start, TimeSpan period, DateTimeOffset? lastDelivered, DateTimeOffset now)
    {
        var lastDue = LastDueTick(start, period, now);
        if (lastDue is null || lastDue == now)
            return null; // a tick due exactly now is delivered by the normal schedule
        return lastDelivered is null || lastDelivered < lastDue ? lastDue : null;
    }
}
