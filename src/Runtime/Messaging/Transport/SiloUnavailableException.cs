using System.Net;

namespace Actors.Runtime;

/// <summary>
/// The silo (or the endpoint) a call was sent to cannot be reached: the connection could not be opened, or it dropped
/// while the call was pending, or no silo is active to take the call. A call pending on a dropped connection fails with
/// this at once, not at its timeout; its outcome is unknown (the remote side may have run it). Retrying later is
/// reasonable: membership moves a dead silo's grains to the survivors within seconds.
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>The silo at <paramref name="endpoint"/> cannot be reached, because of <paramref name="reason"/>.</summary>
    public SiloUnavailableException(EndPoint endpoint, string reason, Exception? innerException = null)
        : base($"Silo {endpoint} is unavailable: {reason}", innerException)
    {
        Endpoint = endpoint;
        Reason = reason;
    }

    /// <summary>No silo can take the call, because of <paramref name="reason"/> (a cluster with no active silo, say).</summary>
    public SiloUnavailableException(string reason)
        : base($"No silo is available: {reason}") => Reason = reason;

    /// <summary>The remote endpoint, or null when no silo was chosen.</summary>
    public EndPoint? Endpoint { get; }

    /// <summary>Why: the connect failure, the reason the connection closed, or why no silo could be chosen.</summary>
    public string Reason { get; }

    /// <summary>True when the call never left this process (the connection could not be opened), so sending it again
    /// cannot run it twice.</summary>
    public bool NotSent { get; init; }
}
