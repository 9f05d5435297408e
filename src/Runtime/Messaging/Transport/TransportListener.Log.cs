using System.Net;
using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Messaging.Transport;

public sealed partial class TransportListener
{
    [LoggerMessage(EventIds.TransportListening, LogLevel.Information, "Transport listening on {EndPoint}")]
    private partial void LogListening(IPEndPoint endPoint);

    [LoggerMessage(EventIds.TransportListenerStopped, LogLevel.Information, "Transport listener on {EndPoint} stopped")]
    private partial void LogListenerStopped(IPEndPoint endPoint);

    [LoggerMessage(EventIds.TransportAcceptFailed, LogLevel.Warning, "Transport listener on {EndPoint} failed to accept a connection")]
    private partial void LogAcceptFailed(Exception exception, IPEndPoint endPoint);
}
