using System.Buffers;
using System.Collections.Concurrent;
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

    private const int MaxKnownGrainTypes = 1024;

    // Grain types seen on the wire, so a call does not build and intern its type name again (a handful of types in
    // practice; bounded so a peer sending made-up names cannot grow it).
    private static readonly ConcurrentDictionary<string, GrainType> KnownGrainTypes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, GrainType>.AlternateLookup<ReadOnlySpan<char>> KnownGrainTypesBySpan =
        KnownGrainTypes.GetAlternateLookup<ReadOnlySpan<char>>();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_payload;

    /// <summary>Encodes a call to <paramref name="target"/>.</summary>
    public static byte[] Encode(GrainId target, GrainRequest request)
    {
        var payload = t_payload ??= new ArrayBufferWriter<byte>(256);
        payload.ResetWrittenCount();
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
        return payload.WrittenSpan.ToArray();
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
        Span<char> chars = stackalloc char[256];
        if (utf8.Length <= chars.Length && Encoding.UTF8.TryGetChars(utf8, chars, out var written)
            && KnownGrainTypesBySpan.TryGetValue(chars[..written], out var known))
        {
            return known;
        }

        var type = new GrainType(Encoding.UTF8.GetString(utf8));
        if (KnownGrainTypes.Count < MaxKnownGrainTypes)
            KnownGrainTypes.TryAdd(type.Name, type);
        return type;
    }
}
