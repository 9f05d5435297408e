using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Grains;

public interface ITickRecordingReminderGrain : IGrainWithStringKey, IRemindable
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);
}

/// <summary>A reminder grain that writes each tick, with the silo that delivered it, to <see cref="ReminderTickLog"/>.</summary>
public sealed class TickRecordingReminderGrain(IOptions<SiloOptions> silo) : Grain, ITickRecordingReminderGrain
{
    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTickLog.Add(new ReminderTick(GetPrimaryKeyString(), reminderName, status.CurrentTickTime, silo.Value.SiloName, DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }
}
