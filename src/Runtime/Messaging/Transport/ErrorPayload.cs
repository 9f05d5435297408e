using System.Buffers.Binary;
using System.Text;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// The payload of an <see cref="FrameType.Error"/> frame: the exception's type name and message, so the caller can
/// rethrow something meaningful. On the wire: [type name length: 2 bytes, big-endian] [type name: UTF-8] [message: UTF-8,
/// the rest].
/// </summary>
public static class ErrorPayload
{
    private const int MaxTypeNameBytes = ushort.MaxValue;

    /// <summary>Encodes an exception's type name (usually its full name) and message.</summary>
    public static byte[] Encode(string exceptionType, string message)
    {
        var typeBytes = Encoding.UTF8.GetByteCount(exceptionType);
        if (typeBytes > MaxTypeNameBytes)
            throw new ArgumentException($"The exception type name is longer than {MaxTypeNameBytes} bytes.", nameof(exceptionType));

        var result = new byte[2 + typeBytes + Encoding.UTF8.GetByteCount(message)];
        BinaryPrimitives.WriteUInt16BigEndian(result, (ushort)typeBytes);
        Encoding.UTF8.GetBytes(exceptionType, result.AsSpan(2));
        Encoding.UTF8.GetBytes(message, result.AsSpan(2 + typeBytes));
        return result;
    }

    /// <summary>Encodes <paramref name="exception"/>'s full type name and message.</summary>
    public static byte[] Encode(Exception exception) => Encode(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);

    /// <summary>Decodes a payload made by <see cref="Encode(string, string)"/>; false if it is malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out string exceptionType, out string message)
    {
        exceptionType = message = "";
        if (payload.Length < 2)
            return false;

        var typeBytes = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (payload.Length < 2 + typeBytes)
            return false;

        exceptionType = Encoding.UTF8.GetString(payload.Slice(2, typeBytes));
        message = Encoding.UTF8.GetString(payload[(2 + typeBytes)..]);
        return true;
    }
}
