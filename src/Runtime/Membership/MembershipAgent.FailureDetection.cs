namespace Actors.Runtime.Membership;

// Failure detection: probe every live peer each round, count consecutive failures, and declare a peer dead when
// FailureDetector.ShouldDeclareDead says so against a fresh read of its heartbeat. The counts are touched only by the
// probe loop, which never runs two rounds at once.
public sealed partial class MembershipAgent
{
    // Probes in flight at once per round; a round with more peers takes ⌈peers / this⌉ probe timeouts at worst.
    private const int MaxConcurrentProbes = 16;

    // Compare-and-swap attempts per declaration and round; a peer still alive-looking after that waits for the next round.
    private const int MaxDeclareAttempts = 5;

    private readonly Dictionary<SiloAddress, int> _failedProbes = new();

    // Each round first decides on the failures counted so far, then probes; see FailureDetector.WorstCaseDetectionTime.
    private Task ProbeLoopAsync(CancellationToken cancellationToken) =>
        RunPeriodicAsync(_options.ProbePeriod, async ct =>
        {
            if (State != AgentState.Active)
                return;
            await DeclareSuspectsDeadAsync(ct);
            await ProbeRoundAsync(ct);
        }, e => LogTaskFailed(e, "probing peers"), cancellationToken);

    private async Task ProbeRoundAsync(CancellationToken cancellationToken)
    {
        // Every peer that is not dead: a silo that dies while joining or shutting down must be declared dead too.
        var peers = View.Entries.Where(e => e.Status != SiloStatus.Dead && e.Silo != Self).Select(e => e.Silo).ToArray();
        foreach (var gone in _failedProbes.Keys.Except(peers).ToList())
            _failedProbes.Remove(gone);

        var answered = new bool[peers.Length];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(MaxConcurrentProbes, peers.Length)).Select(_ => ProbeSomeAsync()));

        for (var i = 0; i < peers.Length; i++)
        {
            var failures = _failedProbes.GetValueOrDefault(peers[i]);
            if (answered[i])
            {
                if (failures >= _options.MissedProbesLimit)
                    LogProbeRecovered(peers[i], failures);
                _failedProbes.Remove(peers[i]);
                continue;
            }

            _failedProbes[peers[i]] = ++failures;
            LogProbeFailed(peers[i], failures);
            if (failures == _options.MissedProbesLimit)
                LogSiloSuspected(peers[i], failures, _options.HeartbeatStaleAfter);
        }

        async Task ProbeSomeAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < peers.Length)
                answered[i] = await ProbeAsync(peers[i], cancellationToken);
        }
    }

    private async Task<bool> ProbeAsync(SiloAddress peer, CancellationToken cancellationToken)
    {
        try
        {
            return await _prober.ProbeAsync(peer, _options.ProbeTimeout, cancellationToken).WaitAsync(_options.ProbeTimeout, _time, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A timeout or a prober error: no answer either way.
            return false;
        }
    }

    private async Task DeclareSuspectsDeadAsync(CancellationToken cancellationToken)
    {
        foreach (var (peer, failures) in _failedProbes.Where(p => p.Value >= _options.MissedProbesLimit).ToList())
            await TryDeclareDeadAsync(peer, failures, cancellationToken);
    }

    // Reads the peer's row afresh (the view's heartbeat times are only as new as its version) and, if the detector
    // agrees, writes Dead with this silo's vote. Losing the race to another writer means re-reading and deciding again:
    // usually the peer is dead by then, and nothing is left to do.
    private async Task TryDeclareDeadAsync(SiloAddress peer, int failures, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxDeclareAttempts; attempt++)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            Publish(snapshot);
            if (State != AgentState.Active)
                return;
            var row = snapshot.Entries.FirstOrDefault(e => e.Silo == peer);
            var now = _time.GetUtcNow();
            if (row is null || row.Status == SiloStatus.Dead || !FailureDetector.ShouldDeclareDead(failures, row.IAmAliveTime, now, _options))
                return;

            var dead = row with { Status = SiloStatus.Dead, Suspicions = [.. row.Suspicions, new SuspicionVote(Self, now)] };
            if (await _table.UpdateRowAsync(dead, snapshot.Version, cancellationToken))
            {
                LogSiloDeclaredDead(peer, failures, now - row.IAmAliveTime);
                await RefreshAsync(cancellationToken);
                return;
            }

            LogWriteContended($"declaring {peer} dead");
        }
    }
}
