using System.Net;
using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Messaging.Transport;

public sealed partial class TransportConnections
{
    [LoggerMessage(EventIds.TransportConnectFailed, LogLevel.Warning, "Transport could not connect to {EndPoint}: {Reason}")]
    private partial void LogConnectFailed(EndPoint endPoint, string reason);
}
