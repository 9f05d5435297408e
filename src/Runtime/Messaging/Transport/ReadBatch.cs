namespace Actors.Runtime.Messaging.Transport;

/// <summary>Work a connection's read loop hands over after the read it came in (<see cref="ReadBatch"/>).</summary>
internal interface IReadBatchItem
{
    /// <summary>Does the work, on a thread-pool thread shared with other items of the same read.</summary>
    void Run();
}

/// <summary>
/// The work that the frames of one read of a connection bring: grain calls to start (a silo), callers to resume with
/// their answers (any process that makes calls). Rather than one thread-pool work item per frame, the read loop queues a
/// few work items after the read (<see cref="Dispatch"/>), and each runs its items in turn. That is fewer thread hops,
/// and the frames the items send (a grain's answer, a caller's next request) are queued in a burst and leave in fewer,
/// larger writes.
/// </summary>
/// <remarks>
/// <para>The price: the items of one work item wait for each other. An item that blocks its thread (code that waits
/// synchronously, even for the answer of another call of the same read) would hold up the rest for as long as it
/// blocks, so <see cref="RescueStalled"/>, called every <see cref="TransportOptions.TimeoutCheckPeriod"/>, gives a work
/// item that claimed no new item since the previous check a second thread for its remaining items.</para>
/// <para>Collecting is per thread: the read loop sets <see cref="Collecting"/> only while it dispatches a frame
/// synchronously, so code that runs later or elsewhere never adds to a batch by accident.</para>
/// </remarks>
internal sealed class ReadBatch(int size)
{
    [ThreadStatic]
    private static ReadBatch? t_collecting;

    private readonly HashSet<Slice> _running = [];
    private List<IReadBatchItem> _items = [];

    /// <summary>The batch the current thread collects into: set while a read loop dispatches a frame.</summary>
    public static ReadBatch? Collecting => t_collecting;

    /// <summary>Makes this the current thread's batch until <see cref="StopCollecting"/>.</summary>
    public void StartCollecting() => t_collecting = this;

    /// <summary>Ends collecting on the current thread.</summary>
    public static void StopCollecting() => t_collecting = null;

    /// <summary>Adds work to run after the read.</summary>
    public void Add(IReadBatchItem item) => _items.Add(item);

    /// <summary>Queues the work collected since the last call: at most <see cref="TransportOptions.ReadBatchSize"/> items
    /// per thread-pool work item, and at least as many work items as there are cores while there are items enough, so a
    /// big machine still spreads one read's work over its cores.</summary>
    public void Dispatch()
    {
        var count = _items.Count;
        if (count == 0)
            return;
        var perWorkItem = Math.Min(size, (count + Environment.ProcessorCount - 1) / Environment.ProcessorCount);
        for (var start = 0; start < count; start += perWorkItem)
            ThreadPool.UnsafeQueueUserWorkItem(new Slice(this, _items, start, Math.Min(start + perWorkItem, count)), preferLocal: false);
        _items = [];
    }

    /// <summary>Gives every running work item that claimed no new item since the previous call, and has items left, a
    /// second thread for them.</summary>
    public void RescueStalled()
    {
        List<Slice>? stalled = null;
        lock (_running)
        {
            foreach (var slice in _running)
            {
                if (slice.IsStalled())
                    (stalled ??= []).Add(slice);
            }
        }

        foreach (var slice in stalled ?? [])
            ThreadPool.UnsafeQueueUserWorkItem(slice, preferLocal: false);
    }

    /// <summary>One work item's share of a read: items [start, end) of the list, claimed one at a time, so a rescuing
    /// thread can run the same slice alongside.</summary>
    private sealed class Slice(ReadBatch batch, List<IReadBatchItem> items, int start, int end) : IThreadPoolWorkItem
    {
        private int _next = start;
        private int _threads;
        private int _nextAtLastCheck = -1;

        public void Execute()
        {
            Enter();
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref _next) - 1) < end)
                    items[index].Run();
            }
            finally
            {
                Leave();
            }
        }

        // Under the batch's lock.
        public bool IsStalled()
        {
            var next = Volatile.Read(ref _next);
            var stalled = next == _nextAtLastCheck && next < end;
            _nextAtLastCheck = next;
            return stalled;
        }

        private void Enter()
        {
            lock (batch._running)
            {
                if (_threads++ == 0)
                    batch._running.Add(this);
            }
        }

        private void Leave()
        {
            lock (batch._running)
            {
                if (--_threads == 0)
                    batch._running.Remove(this);
            }
        }
    }
}
