namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// Receives the frames a remote side sends that the transport does not handle itself: <see cref="FrameType.Request"/>
/// and <see cref="FrameType.Cancel"/>. (Answers complete the local pending calls; pings are answered by the transport.)
/// </summary>
/// <remarks>
/// Contract:
/// <list type="bullet">
/// <item>Called on the connection's read loop, one frame at a time, in arrival order. The next frame is not read until
/// the returned task completes, so a handler that is slow to return slows that peer down (back-pressure). To keep many
/// requests in flight, start the work and return; answer later.</item>
/// <item>The frame's payload lies in the connection's read buffer: it is valid until the returned task completes. Copy
/// what must outlive that.</item>
/// <item>Answer a request exactly once, at any time and from any thread, with <see cref="TransportConnection.SendAsync"/>
/// on the given connection: a <see cref="FrameType.Response"/>, <see cref="FrameType.Error"/> or
/// <see cref="FrameType.Rejection"/> frame with the request's correlation id. Answers may go in any order.</item>
/// <item>An exception thrown by the handler is logged and answered with an <see cref="FrameType.Error"/> frame carrying the
/// exception's type and message; the connection stays open.</item>
/// <item>The token passed to <see cref="HandleAsync"/> is cancelled when the connection closes.</item>
/// </list>
/// </remarks>
public interface ITransportHandler
{
    /// <summary>Handles one received <see cref="FrameType.Request"/> or <see cref="FrameType.Cancel"/> frame.</summary>
    ValueTask HandleAsync(TransportConnection connection, Frame frame, CancellationToken cancellationToken);
}
