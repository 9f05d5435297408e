using System.Net;

namespace Actors.Runtime;

/// <summary>
/// The silo (or the endpoint) a call was sent to cannot be reached: the connection could not be opened, or it dropped
/// while the call was pending. A call pending on a dropped connection fails with this at once, not at its timeout; its
/// outcome is unknown (the remote side may have run it). Thrown by the transport in
/// <c>Actors.Runtime.Messaging.Transport</c>.
/// </summary>
public sealed class SiloUnavailableException(EndPoint endpoint, string reason, Exception? innerException = null)
    : Exception($"Silo {endpoint} is unavailable: {reason}", innerException)
{
    /// <summary>The remote endpoint.</summary>
    public EndPoint Endpoint { get; } = endpoint;

    /// <summary>Why: the connect failure or the reason the connection closed.</summary>
    public string Reason { get; } = reason;
}
