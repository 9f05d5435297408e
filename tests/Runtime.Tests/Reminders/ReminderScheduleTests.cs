using Actors.Runtime.Reminders;

namespace Actors.Runtime.Tests.Reminders;

public sealed class ReminderScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(-5, 0)]     // before the start: the start
    [InlineData(0, 0)]      // exactly the start
    [InlineData(1, 10)]     // just after: the next aligned tick
    [InlineData(10, 10)]    // exactly on a tick
    [InlineData(95, 100)]
    public void NextTick_IsTheFirstAlignedTickAtOrAfter(int minutesFromStart, int expectedMinutesFromStart) =>
        Assert.Equal(Start.AddMinutes(expectedMinutesFromStart),
            ReminderSchedule.NextTick(Start, Period, Start.AddMinutes(minutesFromStart)));

    [Fact]
    public void MissedTick_IsTheLastDueTickAfterTheLastDelivered()
    {
        var now = Start.AddMinutes(35);

        Assert.Equal(Start.AddMinutes(30), ReminderSchedule.MissedTick(Start, Period, Start.AddMinutes(10), now));
        Assert.Equal(Start.AddMinutes(30), ReminderSchedule.MissedTick(Start, Period, null, now));
        Assert.Null(ReminderSchedule.MissedTick(Start, Period, Start.AddMinutes(30), now));
        Assert.Null(ReminderSchedule.MissedTick(Start, Period, null, Start.AddMinutes(-1)));
        Assert.Null(ReminderSchedule.MissedTick(Start, Period, Start.AddMinutes(20), Start.AddMinutes(30))); // due now: normal schedule
    }
}
