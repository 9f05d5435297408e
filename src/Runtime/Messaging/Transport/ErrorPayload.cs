using System.Buffers.Binary;
using System.Text;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// The payload of an <see cref="FrameType.Error"/> frame: the exception's type name and message, so the caller can
/// rethrow something meaningful, and optional details (the grain layer puts the exception's constructor arguments there
/// as JSON, see <see cref="Remote.ExceptionCodec"/>). On the wire: [type name length: 2 bytes, big-endian] [type name:
/// UTF-8] [message length: 4 bytes, big-endian] [message: UTF-8] [details: the rest, possibly empty].
/// </summary>
public static class ErrorPayload
{
    private const int MaxTypeNameBytes = ushort.MaxValue;

    /// <summary>Encodes an exception's type name (usually its full name), message and details.</summary>
    public static byte[] Encode(string exceptionType, string message, ReadOnlySpan<byte> details = default)
    {
        var typeBytes = Encoding.UTF8.GetByteCount(exceptionType);
        if (typeBytes > MaxTypeNameBytes)
            throw new ArgumentException($"The exception type name is longer than {MaxTypeNameBytes} bytes.", nameof(exceptionType));

        var messageBytes = Encoding.UTF8.GetByteCount(message);
        var result = new byte[2 + typeBytes + 4 + messageBytes + details.Length];
        BinaryPrimitives.WriteUInt16BigEndian(result, (ushort)typeBytes);
        Encoding.UTF8.GetBytes(exceptionType, result.AsSpan(2));
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(2 + typeBytes), messageBytes);
        Encoding.UTF8.GetBytes(message, result.AsSpan(2 + typeBytes + 4));
        details.CopyTo(result.AsSpan(2 + typeBytes + 4 + messageBytes));
        return result;
    }

    /// <summary>Encodes <paramref name="exception"/>'s full type name and message, without details.</summary>
    public static byte[] Encode(Exception exception) => Encode(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);

    /// <summary>Decodes a payload made by <see cref="Encode(string, string, ReadOnlySpan{byte})"/>; false if it is malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out string exceptionType, out string message) =>
        TryDecode(payload, out exceptionType, out message, out _);

    /// <summary>Decodes a payload, details included; false if it is malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out string exceptionType, out string message, out ReadOnlySpan<byte> details)
    {
        exceptionType = message = "";
        details = default;
        if (payload.Length < 2)
            return false;

        var typeBytes = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (payload.Length < 2 + typeBytes + 4)
            return false;

        var messageBytes = BinaryPrimitives.ReadInt32BigEndian(payload[(2 + typeBytes)..]);
        if (messageBytes < 0 || payload.Length - (2 + typeBytes + 4) < messageBytes)
            return false;

        exceptionType = Encoding.UTF8.GetString(payload.Slice(2, typeBytes));
        message = Encoding.UTF8.GetString(payload.Slice(2 + typeBytes + 4, messageBytes));
        details = payload[(2 + typeBytes + 4 + messageBytes)..];
        return true;
    }
}
