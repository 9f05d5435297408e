namespace Actors.Grains.Tests.Students;

/// <summary>A clock that says what the test sets (only <see cref="TimeProvider.GetUtcNow"/>; timers keep real time).</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
