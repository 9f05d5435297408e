namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// A connection's calls sent and not answered yet, by correlation id. A plain table under a lock: every call adds and
/// removes one entry, and the lock is held only for that, so it costs less than a concurrent dictionary (which locks on
/// writes too, and allocates a node per entry).
/// </summary>
internal sealed class PendingCalls
{
    private readonly Dictionary<long, PendingCall> _calls = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _calls.Count;
        }
    }

    public void Add(long correlationId, PendingCall call)
    {
        lock (_lock)
            _calls.Add(correlationId, call);
    }

    public bool Contains(long correlationId)
    {
        lock (_lock)
            return _calls.ContainsKey(correlationId);
    }

    /// <summary>Takes the call out; whoever takes it finishes it.</summary>
    public bool TryRemove(long correlationId, out PendingCall call)
    {
        lock (_lock)
            return _calls.Remove(correlationId, out call!);
    }

    /// <summary>Takes out the calls whose deadline is at or before <paramref name="now"/>.</summary>
    public List<PendingCall> RemoveExpired(long now)
    {
        var expired = new List<PendingCall>();
        lock (_lock)
        {
            foreach (var call in _calls.Values)
            {
                if (call.Deadline <= now)
                    expired.Add(call);
            }

            foreach (var call in expired)
                _calls.Remove(call.CorrelationId);
        }

        return expired;
    }

    /// <summary>Takes out every call.</summary>
    public List<PendingCall> RemoveAll()
    {
        lock (_lock)
        {
            var all = _calls.Values.ToList();
            _calls.Clear();
            return all;
        }
    }
}
