using System.Buffers;
using System.Buffers.Binary;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>Parses frames (format on <see cref="Frame"/>) from received bytes. Pure: no I/O, no state.</summary>
public static class FrameReader
{
    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. Returns true and moves <paramref name="buffer"/> past
    /// the frame when a whole frame is there. Returns false with <paramref name="error"/> null when more bytes are needed
    /// (<paramref name="buffer"/> unchanged), and false with an error when the bytes can never be a valid frame: a length
    /// below <see cref="Frame.HeaderBytes"/> or above <paramref name="maxFrameBytes"/>, or an unknown type. Errors are found
    /// as soon as the bytes that show them arrive, so a huge length is refused without waiting for its payload.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out Frame frame, out string? error)
    {
        frame = default;
        if (!TryReadInPlace(ref buffer, maxFrameBytes, out var type, out var correlationId, out var payload, out error))
            return false;
        frame = new Frame(type, correlationId, payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : payload.ToArray());
        return true;
    }

    /// <summary>
    /// <see cref="TryRead"/> without copying the payload: <paramref name="payload"/> is a slice of
    /// <paramref name="buffer"/>'s bytes, valid only until the reader that produced them moves on.
    /// </summary>
    public static bool TryReadInPlace(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out FrameType type, out long correlationId,
        out ReadOnlySequence<byte> payload, out string? error)
    {
        type = default;
        correlationId = 0;
        payload = default;
        error = null;
        if (buffer.Length < Frame.LengthPrefixBytes)
            return false;

        Span<byte> header = stackalloc byte[Frame.LengthPrefixBytes + Frame.HeaderBytes];
        var available = (int)Math.Min(buffer.Length, header.Length);
        buffer.Slice(0, available).CopyTo(header);
        var length = (long)(uint)BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < Frame.HeaderBytes)
        {
            error = $"frame length {length} is shorter than the {Frame.HeaderBytes}-byte header";
            return false;
        }

        if (length > maxFrameBytes)
        {
            error = $"frame length {length} exceeds MaxFrameBytes ({maxFrameBytes})";
            return false;
        }

        if (available > Frame.LengthPrefixBytes && !Frame.IsKnown((FrameType)header[Frame.LengthPrefixBytes]))
        {
            error = $"unknown frame type {header[Frame.LengthPrefixBytes]}";
            return false;
        }

        if (buffer.Length < Frame.LengthPrefixBytes + length)
            return false;

        type = (FrameType)header[Frame.LengthPrefixBytes];
        correlationId = BinaryPrimitives.ReadInt64BigEndian(header[(Frame.LengthPrefixBytes + 1)..]);
        payload = buffer.Slice(Frame.LengthPrefixBytes + Frame.HeaderBytes, (int)length - Frame.HeaderBytes);
        buffer = buffer.Slice(Frame.LengthPrefixBytes + length);
        return true;
    }
}
