using Actors.Runtime.Messaging.Transport;

namespace Actors.Runtime.Tests.Transport;

public sealed class PendingCallsTests
{
    [Fact]
    public void TryRemove_TakesTheCallOnce()
    {
        var pending = new PendingCalls();
        var call = Call(id: 7, deadline: 100);
        pending.Add(7, call);

        Assert.True(pending.TryRemove(7, out var taken));
        Assert.Same(call, taken);
        Assert.False(pending.TryRemove(7, out _));
        Assert.Equal(0, pending.Count);
    }

    [Fact]
    public void RemoveExpired_TakesOnlyTheCallsAtOrPastTheirDeadline()
    {
        var pending = new PendingCalls();
        foreach (var (id, deadline) in new[] { (1L, 50L), (2L, 100L), (3L, 150L) })
            pending.Add(id, Call(id, deadline));

        var expired = pending.RemoveExpired(now: 100);

        Assert.Equal([1L, 2L], expired.Select(c => c.CorrelationId).Order());
        Assert.True(pending.Contains(3));
        Assert.Equal(1, pending.Count);
    }

    [Fact]
    public void RemoveAll_EmptiesTheTable()
    {
        var pending = new PendingCalls();
        pending.Add(1, Call(1, 10));
        pending.Add(2, Call(2, 20));

        Assert.Equal(2, pending.RemoveAll().Count);
        Assert.Equal(0, pending.Count);
        Assert.Empty(pending.RemoveAll());
    }

    private static PendingCall Call(long id, long deadline) =>
        new TaskPendingCall(FrameType.Request, TimeSpan.FromSeconds(1), deadline) { CorrelationId = id };
}
