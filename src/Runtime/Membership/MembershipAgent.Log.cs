using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Membership;

public sealed partial class MembershipAgent
{
    [LoggerMessage(EventIds.SiloJoining, LogLevel.Information, "Silo {Silo} ({SiloName}) is joining the cluster")]
    private partial void LogJoining(SiloAddress silo, string siloName);

    [LoggerMessage(EventIds.SiloJoined, LogLevel.Information, "Silo {Silo} is active; membership view {View}")]
    private partial void LogJoined(SiloAddress silo, ClusterView view);

    [LoggerMessage(EventIds.OlderIncarnationDeclaredDead, LogLevel.Information, "Declared the older incarnation {Older} of this endpoint dead before joining as {Silo}")]
    private partial void LogOlderIncarnationDeclaredDead(SiloAddress older, SiloAddress silo);

    [LoggerMessage(EventIds.MembershipWriteContended, LogLevel.Debug, "The membership table changed while {Operation}; reading it again")]
    private partial void LogWriteContended(string operation);

    [LoggerMessage(EventIds.ProbeFailed, LogLevel.Debug, "Probe of {Silo} failed ({Failures} in a row)")]
    private partial void LogProbeFailed(SiloAddress silo, int failures);

    [LoggerMessage(EventIds.SiloSuspected, LogLevel.Warning, "{Silo} missed {Failures} probes in a row; it is declared dead once its heartbeat is older than {StaleAfter}")]
    private partial void LogSiloSuspected(SiloAddress silo, int failures, TimeSpan staleAfter);

    [LoggerMessage(EventIds.ProbeRecovered, LogLevel.Information, "{Silo} answered a probe again after {Failures} failures")]
    private partial void LogProbeRecovered(SiloAddress silo, int failures);

    [LoggerMessage(EventIds.SiloDeclaredDead, LogLevel.Warning, "Declared {Silo} dead: {Failures} probes failed in a row and its last heartbeat is {HeartbeatAge} old")]
    private partial void LogSiloDeclaredDead(SiloAddress silo, int failures, TimeSpan heartbeatAge);

    [LoggerMessage(EventIds.DeclaredDeadByPeer, LogLevel.Error, "This silo {Silo} was declared dead (votes: {Voters}); it stops")]
    private partial void LogDeclaredDeadByPeer(SiloAddress silo, string voters);

    [LoggerMessage(EventIds.MembershipViewChanged, LogLevel.Information, "Membership view {Version}: {ActiveCount} active silos {View}")]
    private partial void LogViewChanged(long version, int activeCount, ClusterView view);

    [LoggerMessage(EventIds.HeartbeatFailed, LogLevel.Warning, "Writing the heartbeat of {Silo} failed")]
    private partial void LogHeartbeatFailed(Exception exception, SiloAddress silo);

    [LoggerMessage(EventIds.MembershipRefreshFailed, LogLevel.Warning, "Reading the membership table failed; the view stays at version {Version}")]
    private partial void LogRefreshFailed(Exception exception, long version);

    [LoggerMessage(EventIds.MembershipWatchRestarting, LogLevel.Warning, "Membership change notifications stopped; polling goes on and listening restarts in {Delay}")]
    private partial void LogWatchRestarting(Exception? exception, TimeSpan delay);

    [LoggerMessage(EventIds.SiloLeaving, LogLevel.Information, "Silo {Silo} is leaving the cluster: shutting down and deactivating its grains")]
    private partial void LogLeaving(SiloAddress silo);

    [LoggerMessage(EventIds.SiloLeft, LogLevel.Information, "Silo {Silo} left the cluster")]
    private partial void LogLeft(SiloAddress silo);

    [LoggerMessage(EventIds.DefunctSilosDeleted, LogLevel.Information, "Deleted {Count} membership rows of silos dead since before {Before}")]
    private partial void LogDefunctSilosDeleted(int count, DateTimeOffset before);

    [LoggerMessage(EventIds.MembershipTaskFailed, LogLevel.Warning, "Membership: {Task} failed; trying again on the next tick")]
    private partial void LogTaskFailed(Exception exception, string task);

    [LoggerMessage(EventIds.ViewSubscriberFailed, LogLevel.Error, "A membership view subscriber failed on view {Version}")]
    private partial void LogViewSubscriberFailed(Exception exception, long version);
}
