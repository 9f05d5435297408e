using Actors.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Membership;

/// <summary>
/// One silo's part in the membership protocol over an <see cref="IMembershipTable"/> (see <c>Membership/README.md</c>).
/// <list type="number">
/// <item><see cref="JoinAsync"/>: declare older incarnations of this endpoint dead, insert this silo as
/// <see cref="SiloStatus.Joining"/>, then make it <see cref="SiloStatus.Active"/>; start the loops.</item>
/// <item>Loops, all on the injected <see cref="TimeProvider"/>: heartbeat (<see cref="MembershipOptions.IAmAlivePeriod"/>),
/// table polling (<see cref="MembershipOptions.TableRefreshPeriod"/>) plus a refresh on every version
/// <see cref="IMembershipTable.WatchAsync"/> announces, probing of every live peer with failure detection
/// (<c>MembershipAgent.FailureDetection.cs</c>), and a rare cleanup of long-dead rows.</item>
/// <item>Every read that brings a newer table version publishes a new <see cref="View"/> and raises
/// <see cref="ViewChanged"/>. If that read shows this silo dead, the agent stops its loops and raises
/// <see cref="DeclaredDead"/> (the host stops the process's silo; a dead incarnation never comes back).</item>
/// <item><see cref="LeaveAsync"/>: <see cref="SiloStatus.ShuttingDown"/>, the caller's deactivation, then
/// <see cref="SiloStatus.Dead"/>. <see cref="DisposeAsync"/> stops without a word to the table, like a crash.</item>
/// </list>
/// Every table write is a compare-and-swap on the table version: losing a race is a result, after which the agent
/// re-reads and decides again. Table failures in the loops are logged and retried on the next tick; only
/// <see cref="JoinAsync"/> and <see cref="LeaveAsync"/> let them escape to the caller.
/// </summary>
public sealed partial class MembershipAgent : IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly ISiloProber _prober;
    private readonly MembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _siloName;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _viewLock = new();
    private readonly List<Task> _loops = [];
    private ClusterView _view;
    private int _state = (int)AgentState.Created;

    /// <summary>Creates the agent of the silo incarnation <paramref name="self"/>; nothing happens until <see cref="JoinAsync"/>.</summary>
    public MembershipAgent(SiloAddress self, IMembershipTable table, ISiloProber prober, IOptions<MembershipOptions> options,
        IOptions<SiloOptions> silo, TimeProvider time, ILogger<MembershipAgent> logger)
    {
        Self = self;
        _table = table;
        _prober = prober;
        _options = options.Value;
        _siloName = silo.Value.SiloName;
        _time = time;
        _logger = logger;
        _view = ClusterView.Empty(self);
    }

    private enum AgentState
    {
        Created,
        Joining,
        Active,
        Leaving,
        Left,
        DeclaredDead,
        Disposed,
    }

    /// <summary>This silo incarnation.</summary>
    public SiloAddress Self { get; }

    /// <summary>The newest view this silo has read (<see cref="ClusterView.Empty"/> before <see cref="JoinAsync"/>).</summary>
    public ClusterView View => Volatile.Read(ref _view);

    /// <summary>True once a table read showed this silo dead while it was active (and <see cref="DeclaredDead"/> was raised).</summary>
    public bool IsDeclaredDead => State == AgentState.DeclaredDead;

    /// <summary>
    /// Raised with each new view, one at a time and in increasing version order (a reader that finds an older or equal
    /// version publishes nothing). Handlers run on the agent's thread while it holds the view lock: keep them short
    /// (swap a reference, post work elsewhere); an exception from a handler is logged and does not stop the others.
    /// </summary>
    public event Action<ClusterView>? ViewChanged;

    /// <summary>
    /// Raised once when a table read shows this active silo <see cref="SiloStatus.Dead"/> (or its row gone): peers
    /// declared it dead, so its grains may already live elsewhere. The agent has already stopped heartbeating and
    /// probing; the host should stop the silo (for example <c>IHostApplicationLifetime.StopApplication</c>), not the
    /// process. Handlers must not block.
    /// </summary>
    public event Action? DeclaredDead;

    private AgentState State => (AgentState)Volatile.Read(ref _state);

    /// <summary>
    /// Joins the cluster: declares older incarnations of this host and port <see cref="SiloStatus.Dead"/>, inserts this silo as <see cref="SiloStatus.Joining"/>, makes it
    /// <see cref="SiloStatus.Active"/> and starts the loops. Each write retries on contention after a re-read. Throws
    /// <see cref="InvalidOperationException"/> if a newer incarnation of this endpoint is in the table or this one is
    /// already dead; table errors escape, and the agent is then stopped.
    /// </summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, (int)AgentState.Joining, (int)AgentState.Created) != (int)AgentState.Created)
            throw new InvalidOperationException($"The membership agent of {Self} has already joined or stopped.");
        LogJoining(Self, _siloName);
        try
        {
            // Listen first, so changes made while this silo joins are announced to it.
            StartLoop(WatchLoopAsync);
            await InsertOwnRowAsync(cancellationToken);
            StartLoop(HeartbeatLoopAsync);
            if (!await ChangeOwnStatusAsync(SiloStatus.Active, cancellationToken))
                throw new InvalidOperationException($"Silo {Self} was declared dead while it joined.");
            if (Interlocked.CompareExchange(ref _state, (int)AgentState.Active, (int)AgentState.Joining) != (int)AgentState.Joining)
                throw new OperationCanceledException($"The membership agent of {Self} was stopped while it joined.");
            StartLoop(ct => RunPeriodicAsync(_options.TableRefreshPeriod, RefreshAsync, e => LogRefreshFailed(e, View.Version), ct));
            StartLoop(ProbeLoopAsync);
            StartLoop(ct => RunPeriodicAsync(_options.DefunctSiloCleanupPeriod, CleanupDefunctRowsAsync, e => LogTaskFailed(e, "deleting defunct rows"), ct));
            LogJoined(Self, View);
        }
        catch
        {
            Interlocked.Exchange(ref _state, (int)AgentState.Disposed);
            await StopLoopsAsync();
            throw;
        }
    }

    /// <summary>
    /// Leaves the cluster gracefully: writes <see cref="SiloStatus.ShuttingDown"/> (peers stop placing grains here),
    /// runs <paramref name="deactivateAll"/> (the host passes "deactivate every grain, flushing its state"), writes
    /// <see cref="SiloStatus.Dead"/> even if the callback failed, and stops the loops. The heartbeat continues until
    /// <see cref="SiloStatus.Dead"/> is written. If this silo was already declared dead, only the callback runs. If
    /// <paramref name="cancellationToken"/> fires before <see cref="SiloStatus.Dead"/> is written, peers' failure
    /// detection finishes the job.
    /// </summary>
    public async Task LeaveAsync(Func<CancellationToken, Task> deactivateAll, CancellationToken cancellationToken)
    {
        var previous = (AgentState)Interlocked.CompareExchange(ref _state, (int)AgentState.Leaving, (int)AgentState.Active);
        if (previous != AgentState.Active && previous != AgentState.DeclaredDead)
            throw new InvalidOperationException($"Silo {Self} cannot leave: its membership agent is {previous}, not active.");
        LogLeaving(Self);
        try
        {
            var member = previous == AgentState.Active && await ChangeOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);
            try
            {
                await deactivateAll(cancellationToken);
            }
            finally
            {
                if (member)
                    await ChangeOwnStatusAsync(SiloStatus.Dead, cancellationToken);
            }
        }
        finally
        {
            if (previous == AgentState.Active)
                Interlocked.Exchange(ref _state, (int)AgentState.Left);
            await StopLoopsAsync();
        }

        LogLeft(Self);
    }

    /// <summary>Stops the loops without writing to the table (as a crash would: peers then declare this silo dead).
    /// Use <see cref="LeaveAsync"/> to stop gracefully.</summary>
    public async ValueTask DisposeAsync()
    {
        if (State is AgentState.Created or AgentState.Joining or AgentState.Active or AgentState.Leaving)
            Interlocked.Exchange(ref _state, (int)AgentState.Disposed);
        await StopLoopsAsync();
    }

    private async Task InsertOwnRowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            Publish(snapshot);
            var sameEndpoint = snapshot.Entries.Where(e => e.Silo.Host == Self.Host && e.Silo.Port == Self.Port && e.Silo != Self).ToList();
            if (sameEndpoint.FirstOrDefault(e => e.Silo.Generation > Self.Generation) is { } newer)
                throw new InvalidOperationException($"A newer incarnation {newer.Silo} of this endpoint is in the membership table; {Self} must not join.");

            var now = _time.GetUtcNow();
            if (sameEndpoint.FirstOrDefault(e => e.Status != SiloStatus.Dead) is { } older)
            {
                // One write per table version: declare it, then re-read for the next step.
                var dead = older with { Status = SiloStatus.Dead, Suspicions = [.. older.Suspicions, new SuspicionVote(Self, now)] };
                if (await _table.UpdateRowAsync(dead, snapshot.Version, cancellationToken))
                    LogOlderIncarnationDeclaredDead(older.Silo, Self);
                else
                    LogWriteContended("declaring an older incarnation dead");
                continue;
            }

            if (snapshot.Entries.FirstOrDefault(e => e.Silo == Self) is { } own)
            {
                // Inserted by an earlier attempt whose answer was lost; a dead row is never revived.
                if (own.Status == SiloStatus.Dead)
                    throw new InvalidOperationException($"Silo {Self} is already dead in the membership table; a restarted silo needs a new generation.");
                return;
            }

            if (await _table.InsertRowAsync(new MembershipEntry(Self, SiloStatus.Joining, _siloName, now, now, []), snapshot.Version, cancellationToken))
                return;
            LogWriteContended("inserting this silo's row");
        }
    }

    // Moves this silo's row forward to `status` (never back); false if the row is dead or gone.
    private async Task<bool> ChangeOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            var own = snapshot.Entries.FirstOrDefault(e => e.Silo == Self);
            if (own is null || own.Status == SiloStatus.Dead || own.Status >= status)
            {
                Publish(snapshot);
                return own is not null && own.Status != SiloStatus.Dead;
            }

            if (await _table.UpdateRowAsync(own with { Status = status, IAmAliveTime = _time.GetUtcNow() }, snapshot.Version, cancellationToken))
            {
                await RefreshAsync(cancellationToken);
                return true;
            }

            LogWriteContended($"changing this silo's status to {status}");
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken) =>
        Publish(await _table.ReadAllAsync(cancellationToken));

    private Task HeartbeatLoopAsync(CancellationToken cancellationToken) =>
        RunPeriodicAsync(_options.IAmAlivePeriod, ct => _table.UpdateIAmAliveAsync(Self, _time.GetUtcNow(), ct), e => LogHeartbeatFailed(e, Self),
            cancellationToken);

    private async Task CleanupDefunctRowsAsync(CancellationToken cancellationToken)
    {
        var before = _time.GetUtcNow() - _options.DefunctSiloRetention;
        var deleted = await _table.CleanupDefunctEntriesAsync(before, cancellationToken);
        if (deleted > 0)
            LogDefunctSilosDeleted(deleted, before);
    }

    // Refreshes on every announced version newer than the view. The announcements are best effort (a PostgreSQL
    // connection can drop); if they fail or end, listening restarts after a refresh period, and polling goes on.
    private async Task WatchLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Exception? failure = null;
            try
            {
                await foreach (var version in _table.WatchAsync(cancellationToken))
                {
                    if (version > View.Version)
                        await RefreshAsync(cancellationToken);
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failure = exception;
            }

            cancellationToken.ThrowIfCancellationRequested();
            LogWatchRestarting(failure, _options.TableRefreshPeriod);
            await Task.Delay(_options.TableRefreshPeriod, _time, cancellationToken);
        }
    }

    // Publishes a newer view (in version order, under the lock) and checks whether peers declared this silo dead.
    private void Publish(MembershipSnapshot snapshot)
    {
        lock (_viewLock)
        {
            if (snapshot.Version > _view.Version)
            {
                var view = ClusterView.From(snapshot, Self);
                Volatile.Write(ref _view, view);
                LogViewChanged(view.Version, view.ActiveSilos.Count, view);
                foreach (var handler in ViewChanged?.GetInvocationList() ?? [])
                {
                    try
                    {
                        ((Action<ClusterView>)handler)(view);
                    }
                    catch (Exception exception)
                    {
                        LogViewSubscriberFailed(exception, view.Version);
                    }
                }
            }
        }

        var own = snapshot.Entries.FirstOrDefault(e => e.Silo == Self);
        if ((own is null || own.Status == SiloStatus.Dead) && State == AgentState.Active)
            OnDeclaredDead(own);
    }

    private void OnDeclaredDead(MembershipEntry? own)
    {
        if (Interlocked.CompareExchange(ref _state, (int)AgentState.DeclaredDead, (int)AgentState.Active) != (int)AgentState.Active)
            return;
        var voters = own is null ? "(row deleted)" : string.Join(", ", own.Suspicions.Select(v => v.Voter));
        LogDeclaredDeadByPeer(Self, voters);
        _stopping.Cancel();
        try
        {
            DeclaredDead?.Invoke();
        }
        catch (Exception exception)
        {
            LogTaskFailed(exception, "notifying that this silo was declared dead");
        }
    }

    // Runs `body` every `period` at a fixed rate: a late or slow tick is followed at once by the next one, without a
    // burst to catch up. Failures are reported and the loop goes on; it ends when `cancellationToken` fires.
    private async Task RunPeriodicAsync(TimeSpan period, Func<CancellationToken, Task> body, Action<Exception> onFailure, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var due = period;
        while (true)
        {
            var wait = due - _time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, _time, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await body(cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                onFailure(exception);
            }

            due += period;
            var elapsed = _time.GetElapsedTime(started);
            if (due < elapsed)
                due = elapsed;
        }
    }

    private void StartLoop(Func<CancellationToken, Task> loop)
    {
        lock (_loops)
            _loops.Add(RunLoopAsync(loop, _stopping.Token));
    }

    private async Task RunLoopAsync(Func<CancellationToken, Task> loop, CancellationToken cancellationToken)
    {
        try
        {
            await loop(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogTaskFailed(exception, "a membership loop");
        }
    }

    private async Task StopLoopsAsync()
    {
        Task[] loops;
        lock (_loops)
            loops = [.. _loops];
        if (!_stopping.IsCancellationRequested)
            await _stopping.CancelAsync();
        await Task.WhenAll(loops);
    }
}
