namespace Actors.Runtime.Hosting;

/// <summary>Identity of this silo and of the service it belongs to. Section <c>Actors:Silo</c>.</summary>
public sealed class SiloOptions
{
    /// <summary>The service id: part of every stored state and reminder key, so several deployments can share a database.
    /// Default <c>actors</c>. Changing it orphans stored data.</summary>
    public string ServiceId { get; set; } = "actors";

    /// <summary>The cluster id: silos with the same cluster id (and membership table) form one cluster. Default
    /// <c>default</c>. Unlike the service id it may change between deployments (a blue/green pair, say).</summary>
    public string ClusterId { get; set; } = "default";

    /// <summary>A human name for logs and the dashboard. Default: the machine name.</summary>
    public string SiloName { get; set; } = Environment.MachineName;
}

/// <summary>Call behaviour. Section <c>Actors:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>How long a caller waits for a grain's answer before it gets a <see cref="TimeoutException"/>. Default 30 s.
    /// A timeout means the outcome is unknown: the grain may still finish the work.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often pending calls are checked against their deadline. Default 1 s; a call times out at most this
    /// much late. Smaller values cost a scan of the activations per period.</summary>
    public TimeSpan TimeoutCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Activation lifetime. Section <c>Actors:GrainCollection</c>.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>Idle time after which an activation is deactivated. Default 15 min. Per type:
    /// <see cref="CollectionAgeLimitAttribute"/> or <see cref="ClassSpecificCollectionAge"/>.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min; an idle activation lives at most
    /// <see cref="CollectionAge"/> plus this.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Collection age per grain class (full type name), overriding the attribute and the default.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; set; } = new();

    /// <summary>Limit for loading state and running <c>OnActivateAsync</c>. Default 30 s.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for <c>OnDeactivateAsync</c>. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Turn scheduling. Section <c>Actors:Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    /// <summary>How long one activation may keep a thread-pool thread before it yields to others. Default 100 ms.</summary>
    public TimeSpan TurnQuantum { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Whether a call from outside any grain (an HTTP handler, a test, a background service) to an idle activation of
    /// this silo starts the grain method on the caller's own thread, instead of queuing the activation's loop to the
    /// thread pool and the caller's continuation after it. Only when nothing is running, waiting or posted there; the
    /// rest of the turn after its first incomplete <c>await</c> runs on the activation's loop as always. Default true: a
    /// method that answers from memory then costs no thread hop at all. Calls from other processes start the same way on
    /// the work item that starts the calls of one read of their connection (<c>Actors:Transport:ReadBatchSize</c>).
    /// Calls from grains and timer ticks always queue.
    /// </summary>
    public bool StartIdleTurnsOnCaller { get; set; } = true;
}

/// <summary>Durable reminders. Section <c>Actors:Reminders</c>.</summary>
public sealed class ReminderOptions
{
    /// <summary>The shortest period a reminder may have. Default 1 min (reminders are for coarse, durable schedules;
    /// use grain timers for fast ones). Tests lower it.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the silo re-reads its reminders from the table to pick up changes made elsewhere. Default 5 min.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
