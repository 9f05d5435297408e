using System.Net;
using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Messaging.Transport;

public sealed partial class TransportConnection
{
    [LoggerMessage(EventIds.TransportConnectionOpened, LogLevel.Debug, "Transport connection {Local} -> {Remote} opened")]
    private partial void LogConnectionOpened(EndPoint? local, EndPoint remote);

    [LoggerMessage(EventIds.TransportConnectionClosed, LogLevel.Information, "Transport connection {Local} -> {Remote} closed: {Reason}")]
    private partial void LogConnectionClosed(EndPoint? local, EndPoint remote, string reason);

    [LoggerMessage(EventIds.TransportBadFrame, LogLevel.Warning, "Transport connection {Local} -> {Remote} received a bad frame and closes: {Error}")]
    private partial void LogBadFrame(EndPoint? local, EndPoint remote, string error);

    [LoggerMessage(EventIds.TransportHandlerFailed, LogLevel.Error, "Transport handler failed on {Type} frame {CorrelationId} from {Remote}")]
    private partial void LogHandlerFailed(Exception exception, FrameType type, long correlationId, EndPoint remote);
}
