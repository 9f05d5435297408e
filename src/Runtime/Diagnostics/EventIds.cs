namespace Actors.Runtime.Diagnostics;

/// <summary>
/// Every runtime log event id, in one range per subsystem so a log filter can select a subsystem:
/// silo 100s, membership 1000s, activation 2000s, messaging 3000s, reminders 4000s, persistence 5000s.
/// The API host uses the 9000s.
/// </summary>
internal static class EventIds
{
    public const int SiloStarting = 100;
    public const int SiloStarted = 101;
    public const int SiloStopping = 102;
    public const int SiloStopped = 103;

    public const int ActivationCreated = 2000;
    public const int ActivationFailed = 2001;
    public const int ActivationDeactivated = 2002;
    public const int DeactivationFailed = 2003;
    public const int ActivationCollected = 2004;
    public const int WorkItemFailed = 2005;
    public const int InconsistentStateDeactivation = 2006;
    public const int TimerTickFailed = 2100;

    public const int CallTimedOut = 3000;
    public const int RequestRerouted = 3001;

    public const int ReminderTickFailed = 4000;
    public const int ReminderRegistered = 4001;
    public const int ReminderUnregistered = 4002;
    public const int RemindersLoaded = 4003;
    public const int ReminderLoadFailed = 4004;
    public const int ReminderMissedTickDelivered = 4005;

    public const int StorageRetrying = 5000;
    public const int StorageFailed = 5001;
    public const int MigrationApplied = 5002;
    public const int MigrationsUpToDate = 5003;
    public const int WaitingForStorage = 5004;
    public const int MembershipWatchFailed = 1000;
}
