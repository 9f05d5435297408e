using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Activation;

internal sealed partial class Activation
{
    [LoggerMessage(EventIds.ActivationCreated, LogLevel.Debug, "Activated grain {GrainId}")]
    private static partial void LogActivationCreated(ILogger logger, GrainId grainId);

    [LoggerMessage(EventIds.ActivationFailed, LogLevel.Error, "Activation of grain {GrainId} failed; its waiting calls fail with the cause and the next call tries again")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventIds.ActivationDeactivated, LogLevel.Debug, "Deactivated grain {GrainId} ({ReasonCode}: {Reason})")]
    private static partial void LogActivationDeactivated(ILogger logger, GrainId grainId, DeactivationReasonCode reasonCode, string reason);

    [LoggerMessage(EventIds.DeactivationFailed, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} threw during deactivation ({ReasonCode}); the activation is removed anyway")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReasonCode reasonCode);

    [LoggerMessage(EventIds.WorkItemFailed, LogLevel.Error, "A continuation on grain {GrainId} threw outside any request")]
    private static partial void LogWorkItemFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventIds.HandoverWaitExpired, LogLevel.Warning, "Activating grain {GrainId} although silo {Leaving}, which is leaving and owned it, has not finished leaving within the handover timeout {Timeout}; the storage's version check keeps its state safe should both run it")]
    private static partial void LogHandoverWaitExpired(ILogger logger, GrainId grainId, Membership.SiloAddress leaving, TimeSpan timeout);

    [LoggerMessage(EventIds.InconsistentStateDeactivation, LogLevel.Warning, "{Interface}.{Method} on grain {GrainId} hit a state version conflict; deactivating so the next call re-reads state")]
    private static partial void LogInconsistentState(ILogger logger, Exception exception, GrainId grainId, string @interface, string method);
}
