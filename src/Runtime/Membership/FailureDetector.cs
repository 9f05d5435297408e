namespace Actors.Runtime.Membership;

/// <summary>The failure detector's decisions, as pure functions of plain values (the agent's loops only gather them).</summary>
public static class FailureDetector
{
    /// <summary>
    /// True if a peer may be declared dead: at least <see cref="MembershipOptions.MissedProbesLimit"/> probes in a row
    /// failed <b>and</b> its last heartbeat is strictly older than <see cref="MembershipOptions.HeartbeatStaleAfter"/> at
    /// <paramref name="now"/> (this silo's clock). Either signal alone is not enough: a silo that answers pings but
    /// writes its heartbeat late is busy, and one whose heartbeat lands but pings time out is slow or cut off from this
    /// silo only.
    /// </summary>
    public static bool ShouldDeclareDead(int consecutiveFailedProbes, DateTimeOffset lastHeartbeat, DateTimeOffset now, MembershipOptions options) =>
        consecutiveFailedProbes >= options.MissedProbesLimit && IsHeartbeatStale(lastHeartbeat, now, options);

    /// <summary>True if <paramref name="lastHeartbeat"/> is strictly older than <see cref="MembershipOptions.HeartbeatStaleAfter"/> at <paramref name="now"/>.</summary>
    public static bool IsHeartbeatStale(DateTimeOffset lastHeartbeat, DateTimeOffset now, MembershipOptions options) =>
        now - lastHeartbeat > options.HeartbeatStaleAfter;

    /// <summary>
    /// The longest time from a silo's death to a peer's decision to declare it dead, when timers run on time (the
    /// declaration itself adds one table read and one compare-and-swap write). Probing rounds start every
    /// c = max(<see cref="MembershipOptions.ProbePeriod"/>, <see cref="MembershipOptions.ProbeTimeout"/>) and a round
    /// first decides on the failures counted so far, then probes. The first round after the death starts within c, so
    /// the <c>L</c>-th failure (L = <see cref="MembershipOptions.MissedProbesLimit"/>) is known by the start of round
    /// L + 1, before (L + 1)·c. The last heartbeat was written at the latest at the death, so it is stale after
    /// <see cref="MembershipOptions.HeartbeatStaleAfter"/> (S), and the first round starting after that starts before
    /// S + c. Hence c + max(L·c, S): 1 s + max(3 s, 3 s) = 4 s with the defaults.
    /// </summary>
    public static TimeSpan WorstCaseDetectionTime(MembershipOptions options)
    {
        var cadence = RoundCadence(options);
        var byProbes = cadence * options.MissedProbesLimit;
        return cadence + (byProbes > options.HeartbeatStaleAfter ? byProbes : options.HeartbeatStaleAfter);
    }

    /// <summary>How often probing rounds start: max(<see cref="MembershipOptions.ProbePeriod"/>,
    /// <see cref="MembershipOptions.ProbeTimeout"/>), as a round waits for its slowest probe.</summary>
    public static TimeSpan RoundCadence(MembershipOptions options) =>
        options.ProbePeriod > options.ProbeTimeout ? options.ProbePeriod : options.ProbeTimeout;
}
