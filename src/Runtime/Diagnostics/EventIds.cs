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
    public const int HandoverWaitExpired = 2007;
    public const int TimerTickFailed = 2100;

    public const int CallTimedOut = 3000;
    public const int RequestRerouted = 3001;

    public const int TransportListening = 3100;
    public const int TransportListenerStopped = 3101;
    public const int TransportAcceptFailed = 3102;
    public const int TransportConnectionOpened = 3103;
    public const int TransportConnectionClosed = 3104;
    public const int TransportBadFrame = 3105;
    public const int TransportConnectFailed = 3106;
    public const int TransportHandlerFailed = 3107;

    public const int CallRejected = 3200;
    public const int CallRejectedRetrying = 3201;
    public const int BadGrainCall = 3202;
    public const int ForwardFailed = 3203;

    public const int ClusterJoining = 110;
    public const int ClusterJoined = 111;
    public const int ClusterViewApplied = 112;
    public const int ClusterLeaving = 113;
    public const int SiloDeclaredDeadStopping = 114;
    public const int ClusterClientViewFailed = 115;
    public const int SiloKilled = 116;

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
    public const int SiloJoining = 1001;
    public const int SiloJoined = 1002;
    public const int OlderIncarnationDeclaredDead = 1003;
    public const int MembershipWriteContended = 1004;
    public const int ProbeFailed = 1005;
    public const int SiloSuspected = 1006;
    public const int ProbeRecovered = 1007;
    public const int SiloDeclaredDead = 1008;
    public const int DeclaredDeadByPeer = 1009;
    public const int MembershipViewChanged = 1010;
    public const int HeartbeatFailed = 1011;
    public const int MembershipRefreshFailed = 1012;
    public const int MembershipWatchRestarting = 1013;
    public const int SiloLeaving = 1014;
    public const int SiloLeft = 1015;
    public const int DefunctSilosDeleted = 1016;
    public const int MembershipTaskFailed = 1017;
    public const int ViewSubscriberFailed = 1018;
}
