namespace Actors.Runtime.Membership;

/// <summary>
/// Heartbeats, failure detection and view refresh. Section <c>Actors:Membership</c>.
/// <para>
/// A peer is declared dead only when <b>both</b> signals say so: <see cref="MissedProbesLimit"/> direct probes in a row
/// went unanswered within <see cref="ProbeTimeout"/>, <b>and</b> its last heartbeat in the table is older than
/// <see cref="HeartbeatStaleAfter"/>. With the defaults a killed silo is declared dead at most
/// 1 s + max(3 × 1 s, 3 s) = 4 s after it died, plus one table read and one write
/// (<see cref="FailureDetector.WorstCaseDetectionTime"/>); a silo that answers any one of three pings within 1 s, or whose
/// heartbeat lands at most 2 s late, is never declared dead. The arithmetic is in <c>Membership/README.md</c>.
/// </para>
/// </summary>
public sealed class MembershipOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Actors:Membership";

    /// <summary>How often a silo writes its heartbeat (<see cref="MembershipEntry.IAmAliveTime"/>). Default 1 s. A blind
    /// write of one row that does not bump the table version, so it costs one small UPDATE per silo per period. Must be
    /// shorter than <see cref="HeartbeatStaleAfter"/>; the difference is how late a heartbeat may land before it counts
    /// as stale (2 s by default).</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often every other live silo is probed directly. Default 1 s. Shorter detects faster but sends
    /// (silos − 1) pings per silo per period.</summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe may take before it counts as failed. Default 1 s: generous for a loopback or LAN ping
    /// (a busy silo on a loaded 2-core machine answers in milliseconds to a few hundred), short enough to keep
    /// detection under 5 s. Probing rounds run every max(<see cref="ProbePeriod"/>, this).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many probes in a row must fail before a peer may be declared dead. Default 3. Higher tolerates
    /// longer pauses (a full GC, a starved thread pool) at the cost of <c>ProbePeriod</c> more detection time per step;
    /// the stale-heartbeat condition protects a busy silo as well.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How old a peer's last heartbeat must be, by this silo's clock, before the peer may be declared dead.
    /// Default 3 s (three heartbeat periods: a heartbeat may land 2 s late, or two may be lost). Clock skew between
    /// machines adds to or subtracts from it, so keep clocks synchronised (NTP) and this well above the skew.</summary>
    public TimeSpan HeartbeatStaleAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the whole table is re-read, whatever the change notifications (LISTEN/NOTIFY) said. Default
    /// 5 s. Notifications usually deliver a change within milliseconds; polling bounds how long a silo can miss one
    /// (a dropped notification connection, a change made while it reconnected). Also the delay before a failed
    /// notification subscription is retried.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the rows of dead silos are kept (for diagnostics) before any silo deletes them. Default 7 days.
    /// Every restart leaves one dead row, so a shorter retention keeps the table small.</summary>
    public TimeSpan DefunctSiloRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often each silo deletes rows of silos dead for longer than <see cref="DefunctSiloRetention"/>.
    /// Default 1 h: cheap, rare, and harmless if several silos do it.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);
}
