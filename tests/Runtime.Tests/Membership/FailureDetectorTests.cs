using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

public sealed class FailureDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MembershipOptions Defaults = new();

    [Theory]
    // Both signals: dead. The heartbeat must be strictly older than HeartbeatStaleAfter (3 s).
    [InlineData(3, 3001, true)]
    [InlineData(10, 60_000, true)]
    [InlineData(3, 3000, false)] // exactly stale-after: still fresh
    [InlineData(3, 2999, false)]
    [InlineData(2, 3001, false)] // one probe short of MissedProbesLimit (3)
    [InlineData(2, 60_000, false)]
    [InlineData(0, 60_000, false)] // answers probes, heartbeat long stale: busy, not dead
    [InlineData(100, 0, false)] // probes all fail, heartbeat fresh: cut off from this silo only, not dead
    public void ShouldDeclareDead_WithDefaults_NeedsEnoughFailedProbesAndAStaleHeartbeat(int failedProbes, int heartbeatAgeMs, bool expected)
    {
        var lastHeartbeat = Now - TimeSpan.FromMilliseconds(heartbeatAgeMs);

        Assert.Equal(expected, FailureDetector.ShouldDeclareDead(failedProbes, lastHeartbeat, Now, Defaults));
    }

    [Fact]
    public void ShouldDeclareDead_HeartbeatFromTheFuture_IsFresh()
    {
        // A peer whose clock runs ahead of ours writes heartbeats "from the future": never stale.
        Assert.False(FailureDetector.ShouldDeclareDead(5, Now + TimeSpan.FromSeconds(2), Now, Defaults));
    }

    [Fact]
    public void WorstCaseDetectionTime_WithDefaults_IsFourSeconds_WithinTheFiveSecondBudget()
    {
        // c = max(1 s, 1 s); c + max(3·c, 3 s) = 4 s, leaving 1 s for the read and the write of the declaration.
        Assert.Equal(TimeSpan.FromSeconds(4), FailureDetector.WorstCaseDetectionTime(Defaults));
    }

    [Theory]
    [InlineData(1000, 1000, 3, 3000, 4000)]
    [InlineData(1000, 2000, 3, 3000, 8000)] // timeout longer than the period: rounds every 2 s
    [InlineData(1000, 1000, 2, 5000, 6000)] // the heartbeat is the slower signal
    [InlineData(200, 200, 2, 1000, 1200)]
    public void WorstCaseDetectionTime_IsOneRoundPlusTheSlowerSignal(int periodMs, int timeoutMs, int limit, int staleMs, int expectedMs)
    {
        var options = new MembershipOptions
        {
            ProbePeriod = TimeSpan.FromMilliseconds(periodMs),
            ProbeTimeout = TimeSpan.FromMilliseconds(timeoutMs),
            MissedProbesLimit = limit,
            HeartbeatStaleAfter = TimeSpan.FromMilliseconds(staleMs),
        };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), FailureDetector.WorstCaseDetectionTime(options));
    }
}
