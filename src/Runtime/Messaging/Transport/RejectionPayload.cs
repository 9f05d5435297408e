using System.Buffers.Binary;
using System.Text;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// The payload of a <see cref="FrameType.Rejection"/> frame: the rejecting silo's membership view version (so the caller
/// knows whether its own view is older) and a reason for logs. On the wire: [view version: 8 bytes, big-endian]
/// [reason: UTF-8, the rest].
/// </summary>
public static class RejectionPayload
{
    /// <summary>Encodes a rejection.</summary>
    public static byte[] Encode(long viewVersion, string reason)
    {
        var result = new byte[8 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteInt64BigEndian(result, viewVersion);
        Encoding.UTF8.GetBytes(reason, result.AsSpan(8));
        return result;
    }

    /// <summary>Decodes a payload made by <see cref="Encode"/>; false if it is malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out long viewVersion, out string reason)
    {
        viewVersion = 0;
        reason = "";
        if (payload.Length < 8)
            return false;

        viewVersion = BinaryPrimitives.ReadInt64BigEndian(payload);
        reason = Encoding.UTF8.GetString(payload[8..]);
        return true;
    }
}
