using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Actors.Runtime.Invocation;
using Actors.Runtime.Serialization;

namespace Actors.Runtime.Messaging.Remote;

/// <summary>
/// The payload of a grain call's <see cref="Transport.FrameType.Request"/> frame. On the wire (big-endian):
/// <code>
/// [flags: 1 byte] [method id: 4 bytes] [grain type length: 2 bytes] [grain type: UTF-8] [key length: 4 bytes] [key: UTF-8]
/// [arguments: the rest, one after another (<see cref="WireFormat"/>)]
/// </code>
/// Flag bit 0 marks a call a silo already forwarded once (the next silo must run it or reject it, never forward again).
/// The answer is a Response frame whose payload is the result (<see cref="WireFormat"/>), an Error frame
/// (<see cref="ExceptionCodec"/>) or a Rejection frame.
/// </summary>
internal static class RequestCodec
{
    private const byte ForwardedFlag = 1;
    private const int FixedBytes = 1 + 4 + 2 + 4;

    private const int MaxKnownGrainTypes = 64;

    // Grain types seen on the wire with their UTF-8 names, so a call finds its type by comparing bytes instead of
    // decoding, interning and hashing the name again. A handful of types in practice, so a list; bounded so a peer
    // sending made-up names cannot grow it. Replaced, never changed, so readers need no lock.
    private static KnownGrainType[] s_knownGrainTypes = [];
    private static readonly Lock KnownGrainTypesLock = new();

    /// <summary>Encodes a call to <paramref name="target"/> into this thread's <see cref="ThreadBuffer"/>.</summary>
    public static ReadOnlySpan<byte> Encode(GrainId target, GrainRequest request)
    {
        var payload = ThreadBuffer.Take();
        var typeBytes = Encoding.UTF8.GetByteCount(target.Type.Name);
        var keyBytes = Encoding.UTF8.GetByteCount(target.Key);
        var span = payload.GetSpan(FixedBytes + typeBytes + keyBytes);
        span[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], request.MethodId);
        BinaryPrimitives.WriteUInt16BigEndian(span[5..], checked((ushort)typeBytes));
        Encoding.UTF8.GetBytes(target.Type.Name, span[7..]);
        BinaryPrimitives.WriteInt32BigEndian(span[(7 + typeBytes)..], keyBytes);
        Encoding.UTF8.GetBytes(target.Key, span[(FixedBytes + typeBytes)..]);
        payload.Advance(FixedBytes + typeBytes + keyBytes);
        request.WriteArgumentsTo(payload);
        return ThreadBuffer.Written(payload);
    }

    /// <summary>Whether a silo already forwarded this call.</summary>
    public static bool IsForwarded(ReadOnlySpan<byte> payload) => payload.Length > 0 && (payload[0] & ForwardedFlag) != 0;

    /// <summary>A copy of <paramref name="payload"/> marked as forwarded.</summary>
    public static byte[] MarkForwarded(ReadOnlySpan<byte> payload)
    {
        var copy = payload.ToArray();
        copy[0] |= ForwardedFlag;
        return copy;
    }

    /// <summary>Reads the target grain and method of a call, without its arguments.</summary>
    /// <exception cref="FormatException">The payload is not a grain call.</exception>
    public static (GrainId Target, uint MethodId, int ArgumentsOffset) DecodeHeader(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < FixedBytes)
            throw new FormatException($"A grain call payload has at least {FixedBytes} bytes; this one has {payload.Length}.");
        var methodId = BinaryPrimitives.ReadUInt32BigEndian(payload[1..]);
        var typeBytes = BinaryPrimitives.ReadUInt16BigEndian(payload[5..]);
        if (payload.Length < FixedBytes + typeBytes)
            throw new FormatException("The grain type runs past the end of the payload.");
        var keyBytes = BinaryPrimitives.ReadInt32BigEndian(payload[(7 + typeBytes)..]);
        if (keyBytes < 0 || payload.Length - FixedBytes - typeBytes < keyBytes)
            throw new FormatException("The grain key runs past the end of the payload.");
        if (typeBytes == 0)
            throw new FormatException("The grain type is empty.");
        var type = GrainTypeOf(payload.Slice(7, typeBytes));
        var key = Encoding.UTF8.GetString(payload.Slice(FixedBytes + typeBytes, keyBytes));
        return (new GrainId(type, key), methodId, FixedBytes + typeBytes + keyBytes);
    }

    private static GrainType GrainTypeOf(ReadOnlySpan<byte> utf8)
    {
        foreach (var known in Volatile.Read(ref s_knownGrainTypes))
        {
            if (utf8.SequenceEqual(known.Utf8))
                return known.Type;
        }

        var type = new GrainType(Encoding.UTF8.GetString(utf8));
        lock (KnownGrainTypesLock)
        {
            var current = s_knownGrainTypes;
            if (current.Length < MaxKnownGrainTypes && !current.Any(known => known.Type == type))
                Volatile.Write(ref s_knownGrainTypes, [.. current, new KnownGrainType(utf8.ToArray(), type)]);
        }

        return type;
    }

    private sealed record KnownGrainType(byte[] Utf8, GrainType Type);
}
