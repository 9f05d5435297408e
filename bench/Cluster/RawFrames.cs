using System.Buffers;
using System.Buffers.Binary;

namespace Actors.Bench.Cluster;

/// <summary>
/// The framing of the raw-socket baseline: a 4-byte big-endian length of what follows, a 1-byte kind
/// (<see cref="Request"/> or <see cref="Response"/>), an 8-byte big-endian correlation id, then the payload.
/// </summary>
internal static class RawFrames
{
    public const int LengthPrefixBytes = 4;
    public const int HeaderBytes = 9;
    public const byte Request = 1;
    public const byte Response = 2;

    /// <summary>Appends one frame to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, byte kind, long correlationId, ReadOnlySpan<byte> payload)
    {
        var size = LengthPrefixBytes + HeaderBytes + payload.Length;
        var span = output.GetSpan(size);
        BinaryPrimitives.WriteInt32BigEndian(span, HeaderBytes + payload.Length);
        span[LengthPrefixBytes] = kind;
        BinaryPrimitives.WriteInt64BigEndian(span[(LengthPrefixBytes + 1)..], correlationId);
        payload.CopyTo(span[(LengthPrefixBytes + HeaderBytes)..]);
        output.Advance(size);
    }

    /// <summary>True when <paramref name="bytes"/> starts with a whole frame; <paramref name="size"/> is its wire size.</summary>
    public static bool TryMeasure(ReadOnlySpan<byte> bytes, out int size)
    {
        size = bytes.Length < LengthPrefixBytes ? 0 : LengthPrefixBytes + BinaryPrimitives.ReadInt32BigEndian(bytes);
        return size > 0 && bytes.Length >= size;
    }
}
