using Actors.Runtime.Messaging.Transport;

namespace Actors.Runtime.Tests.Transport;

public sealed class ReadBatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Dispatch_SpreadsTheReadOverOneWorkItemPerCore_AndRunsEveryItemOnce()
    {
        var batch = new ReadBatch(size: 32);
        var cores = Environment.ProcessorCount;
        var entered = 0;
        // Two items per work item; each work item's first item waits until every work item has started one, which only
        // happens when the read's items were spread over one work item per core.
        var items = Enumerable.Range(0, 2 * cores).Select(_ => new Item(() =>
        {
            Interlocked.Increment(ref entered);
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref entered) >= cores, Patience));
        })).ToList();

        items.ForEach(batch.Add);
        batch.Dispatch();

        await Task.WhenAll(items.Select(item => item.Ran.WaitAsync(Patience)));
        Assert.All(items, item => Assert.Equal(1, item.Runs));
    }

    [Fact]
    public async Task ItemThatBlocksUntilALaterItemOfItsWorkItemRuns_IsRescuedByASecondThread()
    {
        var batch = new ReadBatch(size: 32);
        var laterRan = new ManualResetEventSlim();
        var blocker = new Item(() => Assert.True(laterRan.Wait(Patience)));
        var later = new Item(laterRan.Set);
        var rest = Enumerable.Range(2, 2 * Environment.ProcessorCount - 2).Select(_ => new Item(() => { })).ToList();
        batch.Add(blocker); // two items per work item: the blocker and the later one share the first
        batch.Add(later);
        rest.ForEach(batch.Add);
        batch.Dispatch();

        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(later.Ran.IsCompleted);
        batch.RescueStalled(); // notes how far the work item got
        batch.RescueStalled(); // no progress since: a second thread takes the rest

        await later.Ran.WaitAsync(Patience);
        await blocker.Ran.WaitAsync(Patience);
        await Task.WhenAll(rest.Select(item => item.Ran.WaitAsync(Patience)));
        Assert.All(rest.Append(blocker).Append(later), item => Assert.Equal(1, item.Runs));
    }

    [Fact]
    public void Collecting_IsTheBatchOnlyOnTheThreadThatStartedIt_AndOnlyUntilItStops()
    {
        var batch = new ReadBatch(size: 32);
        ReadBatch? elsewhere = batch;
        var other = new Thread(() => elsewhere = ReadBatch.Collecting);

        batch.StartCollecting();
        other.Start();
        other.Join();
        var here = ReadBatch.Collecting;
        ReadBatch.StopCollecting();

        Assert.Same(batch, here);
        Assert.Null(elsewhere);
        Assert.Null(ReadBatch.Collecting);
    }

    private sealed class Item(Action action) : IReadBatchItem
    {
        private readonly TaskCompletionSource _ran = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public Task Ran => _ran.Task;

        public int Runs => Volatile.Read(ref _runs);

        public void Run()
        {
            Interlocked.Increment(ref _runs);
            try
            {
                action();
                _ran.TrySetResult();
            }
            catch (Exception exception)
            {
                _ran.TrySetException(exception); // the test sees it; a work item must not throw
            }
        }
    }
}
