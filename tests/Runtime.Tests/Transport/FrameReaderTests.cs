using System.Buffers;
using Actors.Runtime.Messaging.Transport;

namespace Actors.Runtime.Tests.Transport;

public sealed class FrameReaderTests
{
    private const int Max = 1024;

    [Fact]
    public void TryRead_WholeFrame_ReturnsItAndConsumesIt()
    {
        var bytes = FrameWriter.ToArray(new Frame(FrameType.Request, 42, new byte[] { 1, 2, 3 }));
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(FrameReader.TryRead(ref buffer, Max, out var frame, out var error));

        Assert.Null(error);
        Assert.Equal(FrameType.Request, frame.Type);
        Assert.Equal(42, frame.CorrelationId);
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Payload.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void FrameWriter_Layout_IsBigEndianLengthTypeIdPayload()
    {
        var bytes = FrameWriter.ToArray(new Frame(FrameType.Response, 0x0102030405060708, new byte[] { 0xAA }));

        Assert.Equal(new byte[] { 0, 0, 0, 10, 2, 1, 2, 3, 4, 5, 6, 7, 8, 0xAA }, bytes);
    }

    [Fact]
    public void TryRead_EmptyPayload_ReturnsFrameWithEmptyPayload()
    {
        var buffer = new ReadOnlySequence<byte>(FrameWriter.ToArray(new Frame(FrameType.Ping, -1, ReadOnlyMemory<byte>.Empty)));

        Assert.True(FrameReader.TryRead(ref buffer, Max, out var frame, out _));

        Assert.Equal(FrameType.Ping, frame.Type);
        Assert.Equal(-1, frame.CorrelationId);
        Assert.True(frame.Payload.IsEmpty);
    }

    [Fact]
    public void TryRead_EveryPrefixOfAFrame_NeedsMoreWithoutErrorAndLeavesBuffer()
    {
        var bytes = FrameWriter.ToArray(new Frame(FrameType.Error, 7, new byte[] { 9, 8, 7, 6 }));
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            Assert.False(FrameReader.TryRead(ref buffer, Max, out _, out var error));

            Assert.Null(error);
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void TryRead_FrameSplitAcrossSegmentsAtEveryPosition_ReadsTheSameFrame()
    {
        var bytes = FrameWriter.ToArray(new Frame(FrameType.Rejection, 123456789, new byte[] { 5, 4, 3, 2, 1 }));
        for (var first = 1; first < bytes.Length; first++)
        {
            for (var second = first; second < bytes.Length; second++)
            {
                var buffer = Segments(bytes[..first], bytes[first..second], bytes[second..]);

                Assert.True(FrameReader.TryRead(ref buffer, Max, out var frame, out _));

                Assert.Equal(FrameType.Rejection, frame.Type);
                Assert.Equal(123456789, frame.CorrelationId);
                Assert.Equal(new byte[] { 5, 4, 3, 2, 1 }, frame.Payload.ToArray());
                Assert.True(buffer.IsEmpty);
            }
        }
    }

    [Fact]
    public void TryRead_TwoFramesInOneBuffer_ReadsBothInOrder()
    {
        var bytes = FrameWriter.ToArray(new Frame(FrameType.Request, 1, new byte[] { 1 }))
            .Concat(FrameWriter.ToArray(new Frame(FrameType.Cancel, 2, ReadOnlyMemory<byte>.Empty))).Concat(new byte[] { 0, 0 }).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(FrameReader.TryRead(ref buffer, Max, out var first, out _));
        Assert.True(FrameReader.TryRead(ref buffer, Max, out var second, out _));
        Assert.False(FrameReader.TryRead(ref buffer, Max, out _, out var error));

        Assert.Equal((FrameType.Request, 1L), (first.Type, first.CorrelationId));
        Assert.Equal((FrameType.Cancel, 2L), (second.Type, second.CorrelationId));
        Assert.Null(error);
        Assert.Equal(2, buffer.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 }, "shorter than")]
    [InlineData(new byte[] { 0, 0, 0, 8, 1 }, "shorter than")]
    [InlineData(new byte[] { 0, 0, 4, 1 }, "exceeds MaxFrameBytes")]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF }, "exceeds MaxFrameBytes")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, "exceeds MaxFrameBytes")]
    [InlineData(new byte[] { 0, 0, 0, 9, 0 }, "unknown frame type 0")]
    [InlineData(new byte[] { 0, 0, 0, 9, 8 }, "unknown frame type 8")]
    [InlineData(new byte[] { 0, 0, 0, 20, 0xEE }, "unknown frame type 238")]
    public void TryRead_BadHeader_FailsAsSoonAsTheBadBytesArrive(byte[] bytes, string expected)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.False(FrameReader.TryRead(ref buffer, Max, out _, out var error));

        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryRead_LengthExactlyMax_IsAccepted()
    {
        var bytes = FrameWriter.ToArray(new Frame(FrameType.Response, 1, new byte[Max - Frame.HeaderBytes]));
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(FrameReader.TryRead(ref buffer, Max, out var frame, out _));
        Assert.Equal(Max - Frame.HeaderBytes, frame.Payload.Length);
    }

    private static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
            last = last.Append(part);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
