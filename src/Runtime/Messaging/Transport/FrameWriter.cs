using System.Buffers;
using System.Buffers.Binary;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>Writes frames in the wire format described on <see cref="Frame"/>.</summary>
public static class FrameWriter
{
    /// <summary>Appends <paramref name="frame"/> to <paramref name="output"/> (no flush) and returns the bytes written.</summary>
    public static int Write(IBufferWriter<byte> output, in Frame frame) => Write(output, frame.Type, frame.CorrelationId, frame.Payload.Span);

    /// <summary>Appends a frame made of its parts to <paramref name="output"/> (no flush) and returns the bytes written.</summary>
    public static int Write(IBufferWriter<byte> output, FrameType type, long correlationId, ReadOnlySpan<byte> payload)
    {
        var size = Frame.LengthPrefixBytes + Frame.HeaderBytes + payload.Length;
        var span = output.GetSpan(size);
        BinaryPrimitives.WriteInt32BigEndian(span, Frame.HeaderBytes + payload.Length);
        span[Frame.LengthPrefixBytes] = (byte)type;
        BinaryPrimitives.WriteInt64BigEndian(span[(Frame.LengthPrefixBytes + 1)..], correlationId);
        payload.CopyTo(span[(Frame.LengthPrefixBytes + Frame.HeaderBytes)..]);
        output.Advance(size);
        return size;
    }

    /// <summary>The frame as a new array, for tests and raw-socket tools.</summary>
    public static byte[] ToArray(in Frame frame)
    {
        var buffer = new ArrayBufferWriter<byte>(frame.WireBytes);
        Write(buffer, frame);
        return buffer.WrittenSpan.ToArray();
    }
}
