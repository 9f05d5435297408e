namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// One message on a transport connection. On the wire:
/// <code>
/// [length: 4 bytes, big-endian int32] [type: 1 byte] [correlation id: 8 bytes, big-endian int64] [payload: length - 9 bytes]
/// </code>
/// The length counts everything after itself (type, correlation id and payload), so it is at least 9 and at most
/// <see cref="TransportOptions.MaxFrameBytes"/>. Network byte order (big-endian) throughout. The payload is opaque
/// to the transport: the layer above serialises arguments, results and exceptions into it.
/// </summary>
/// <param name="Type">What the frame is.</param>
/// <param name="CorrelationId">Pairs an answer (<see cref="FrameType.Response"/>, <see cref="FrameType.Error"/>,
/// <see cref="FrameType.Rejection"/>, <see cref="FrameType.Pong"/>) and a <see cref="FrameType.Cancel"/> with its request.
/// Ids are chosen by the side that sends the request, per connection.</param>
/// <param name="Payload">The bytes after the header. An answer frame read from a connection owns its payload (a copy);
/// a request handed to an <see cref="ITransportHandler"/> does not (see its contract).</param>
public readonly record struct Frame(FrameType Type, long CorrelationId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Bytes of the length prefix.</summary>
    public const int LengthPrefixBytes = 4;

    /// <summary>Bytes of the header after the length prefix: the type and the correlation id. The smallest valid
    /// length.</summary>
    public const int HeaderBytes = 9;

    /// <summary>Bytes this frame takes on the wire, length prefix included.</summary>
    public int WireBytes => LengthPrefixBytes + HeaderBytes + Payload.Length;

    /// <summary>True for the types this version of the wire format knows.</summary>
    public static bool IsKnown(FrameType type) => type is >= FrameType.Request and <= FrameType.Cancel;
}
