namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// What a frame is, one byte on the wire. The values are part of the wire format: never renumber them. A frame with any
/// other value is a protocol error and closes its connection.
/// </summary>
public enum FrameType : byte
{
    /// <summary>A call that expects exactly one answer (<see cref="Response"/>, <see cref="Error"/> or
    /// <see cref="Rejection"/>) with the same correlation id. Handed to the <see cref="ITransportHandler"/>.</summary>
    Request = 1,

    /// <summary>The successful answer to a <see cref="Request"/>; the payload is the result.</summary>
    Response = 2,

    /// <summary>The call failed on the remote side; the payload is an <see cref="ErrorPayload"/> (exception type and
    /// message).</summary>
    Error = 3,

    /// <summary>The remote side did not run the call (it does not own the grain, say); the payload is a
    /// <see cref="RejectionPayload"/> carrying its membership view version, so the caller can refresh and retry.</summary>
    Rejection = 4,

    /// <summary>A liveness probe; the transport answers it with <see cref="Pong"/> itself, without the handler.</summary>
    Ping = 5,

    /// <summary>The answer to <see cref="Ping"/>, with the ping's correlation id.</summary>
    Pong = 6,

    /// <summary>The caller gave up on the <see cref="Request"/> with this correlation id (its token was cancelled); no
    /// answer is expected. Handed to the <see cref="ITransportHandler"/>, which may cancel the running call.</summary>
    Cancel = 7,
}
