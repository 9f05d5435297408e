namespace Actors.Runtime.Membership;

/// <summary>
/// Direct liveness probe of another silo: the failure detector's second signal next to the heartbeat. The silo-to-silo
/// transport implements it with a ping over its connection to <c>target</c>.
/// <para>Contract: answer true only if <c>target</c> itself (that incarnation) answered within <c>timeout</c>; false
/// for no answer, a refused or dropped connection, or an answer from another generation. Do not throw for an
/// unreachable peer. The caller also enforces <c>timeout</c>, so an implementation that overruns it is counted as
/// failed; it should still stop its work when <c>cancellationToken</c> is cancelled.</para>
/// </summary>
public interface ISiloProber
{
    /// <summary>Pings <paramref name="target"/>; true if it answered within <paramref name="timeout"/>.</summary>
    Task<bool> ProbeAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken);
}
