using Actors.Runtime.Reminders;
using Actors.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime;

/// <summary>
/// Base class of grain implementations. A grain class implements one or more grain interfaces, is constructed by the
/// runtime (constructor parameters come from dependency injection, or are persistent states marked with
/// <see cref="PersistentStateAttribute"/>), and runs one request at a time unless marked <see cref="ReentrantAttribute"/>.
/// Members of this class may be used from <see cref="OnActivateAsync"/> on, not in the constructor.
/// </summary>
public abstract class Grain
{
    private readonly Activation.Activation _activation;

    /// <summary>Grains are constructed by the runtime only.</summary>
    protected Grain()
    {
        _activation = Activation.Activation.Constructing
            ?? throw new InvalidOperationException($"Grain '{GetType().FullName}' can only be constructed by the actor runtime.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>The factory for references to other grains (and to this one).</summary>
    protected IGrainFactory GrainFactory => _activation.Services.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => _activation.Services.Services;

    /// <summary>The string key of this grain.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The integer key of this grain (for <see cref="IGrainWithIntegerKey"/> grains).</summary>
    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Guid key of this grain (for <see cref="IGrainWithGuidKey"/> grains).</summary>
    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "N");

    /// <summary>Runs after persistent state is loaded and before the first request. If it throws, the activation fails
    /// and its waiting calls get an <see cref="ActivationFailedException"/>.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is deactivated in an orderly way (best effort: a crash skips it).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation when the current request finishes, regardless of <see cref="DelayDeactivation"/>.</summary>
    protected void DeactivateOnIdle() =>
        _activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));

    /// <summary>Keeps this activation from idle collection for at least <paramref name="timeSpan"/>;
    /// <see cref="Timeout.InfiniteTimeSpan"/> keeps it forever, <see cref="TimeSpan.Zero"/> cancels an earlier delay.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => _activation.DelayDeactivation(timeSpan);

    /// <summary>Starts a grain timer. Its callback runs as a turn of this activation; the next tick is timed from the end
    /// of the previous one, so ticks never overlap. The timer stops when disposed or when the activation deactivates.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new GrainTimer(_activation, cancellationToken => callback(state, cancellationToken), options);
    }

    /// <summary>Starts a grain timer without state; see <see cref="RegisterGrainTimer{TState}"/>.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new GrainTimer(_activation, callback, options);
    }

    /// <summary>Registers (or changes) a durable reminder: <see cref="IRemindable.ReceiveReminder"/> is called at
    /// now + <paramref name="dueTime"/> and then every <paramref name="period"/>, across restarts, until unregistered.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Reminders.RegisterOrUpdateAsync(GrainId, this, reminderName, dueTime, period);

    /// <summary>The reminder named <paramref name="reminderName"/>, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetAsync(GrainId, reminderName);

    /// <summary>All reminders of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Reminders.GetAllAsync(GrainId);

    /// <summary>Stops and deletes a reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder) => Reminders.UnregisterAsync(GrainId, reminder);

    private ReminderRegistry Reminders => _activation.Services.Services.GetRequiredService<ReminderRegistry>();
}
