using Actors.Runtime.Membership;

namespace Actors.Runtime.Placement;

/// <summary>
/// The newest <see cref="PlacementView"/> this process knows. Fed by the membership agent in a silo and by the table
/// watcher in a client; read by the call router on every remote call. Views only move forward.
/// </summary>
public sealed class ClusterPlacement
{
    private readonly Lock _lock = new();
    private PlacementView _current;
    private TaskCompletionSource _newer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the placement of a silo (<paramref name="self"/>) or of a client (null).</summary>
    public ClusterPlacement(SiloAddress? self = null) => _current = new PlacementView(-1, [], self);

    /// <summary>The newest view.</summary>
    public PlacementView Current => Volatile.Read(ref _current);

    /// <summary>Raised after each newer view is published, on the thread that published it. Handlers must not block.</summary>
    public event Action<PlacementView>? Changed;

    /// <summary>Publishes the view of table version <paramref name="version"/> unless a view that new is already known;
    /// <paramref name="self"/> replaces the silo this process is (a silo learns its address when it starts listening).</summary>
    public bool Update(long version, IEnumerable<SiloAddress> activeSilos, SiloAddress? self = null, IEnumerable<SiloAddress>? leavingSilos = null)
    {
        PlacementView view;
        TaskCompletionSource released;
        lock (_lock)
        {
            if (version <= _current.Version && (self is null || self == _current.Self))
                return false;
            view = new PlacementView(Math.Max(version, _current.Version), activeSilos.ToArray(), self ?? _current.Self, leavingSilos?.ToArray());
            Volatile.Write(ref _current, view);
            released = _newer;
            _newer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.SetResult();
        Changed?.Invoke(view);
        return true;
    }

    /// <summary>Completes when a view newer than <paramref name="version"/> is known, or after <paramref name="timeout"/>
    /// (whichever is first); never throws.</summary>
    public async Task WaitForNewerAsync(long version, TimeSpan timeout, TimeProvider time)
    {
        Task next;
        lock (_lock)
        {
            if (_current.Version > version)
                return;
            next = _newer.Task;
        }

        await next.WaitAsync(timeout, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Before a silo activates <paramref name="grainId"/>: while a silo leaving gracefully that owned the grain may still
    /// be deactivating it (<see cref="PlacementView.HandingOver"/>), waits for a view in which that silo has left, at most
    /// <paramref name="limit"/>. Returns the silo it stopped waiting for without seeing it leave (the limit passed), else
    /// null. Never throws but for <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<SiloAddress?> WaitForHandoverAsync(GrainId grainId, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var view = Current;
            if (view.HandingOver(grainId) is not { } leaving || leaving == view.Self)
                return null;
            var left = limit - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
                return leaving;
            await WaitForNewerAsync(view.Version, left, time).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
