namespace Actors.Runtime.Messaging.Transport;

/// <summary>Work a connection's read loop hands over after the read it came in (<see cref="ReadBatch"/>).</summary>
internal interface IReadBatchItem
{
    /// <summary>Does the work, on a thread-pool thread shared with other items of the same read.</summary>
    void Run();
}

/// <summary>
/// The work that the frames of one read of a connection bring (grain calls to start). Rather than one thread-pool work
/// item per frame, the read loop queues a few work items after the read (<see cref="Dispatch"/>), and each runs its items
/// in turn. That is fewer thread hops, and the frames the items send (the grains' answers) are queued in a burst and
/// leave in fewer, larger writes. The price: the items of one work item wait for each other.
/// </summary>
/// <remarks>Collecting is per thread: the read loop sets <see cref="Collecting"/> only while it dispatches a frame
/// synchronously, so code that runs later or elsewhere never adds to a batch by accident.</remarks>
internal sealed class ReadBatch(int size)
{
    [ThreadStatic]
    private static ReadBatch? t_collecting;

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
            ThreadPool.UnsafeQueueUserWorkItem(new Slice(_items, start, Math.Min(perWorkItem, count - start)), preferLocal: false);
        _items = [];
    }

    private sealed class Slice(List<IReadBatchItem> items, int start, int count) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            for (var i = start; i < start + count; i++)
                items[i].Run();
        }
    }
}
