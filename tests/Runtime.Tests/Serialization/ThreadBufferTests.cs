using System.Buffers;
using Actors.Runtime.Serialization;

namespace Actors.Runtime.Tests.Serialization;

public sealed class ThreadBufferTests
{
    [Fact]
    public void Take_GivesThisThreadsBufferEmpty_AndKeepsItForTheNextPayload()
    {
        var first = ThreadBuffer.Take();
        first.Write(new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, ThreadBuffer.Written(first).ToArray());

        var second = ThreadBuffer.Take();

        Assert.Same(first, second);
        Assert.Equal(0, second.WrittenCount);
    }

    [Fact]
    public void BufferGrownByALargePayload_IsNotKept()
    {
        var buffer = ThreadBuffer.Take();
        buffer.Write(new byte[200 * 1024]);

        Assert.Equal(200 * 1024, ThreadBuffer.Written(buffer).Length);
        Assert.NotSame(buffer, ThreadBuffer.Take());
    }
}
