using System.Net;
using Actors.Runtime.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Bench.Cluster;

/// <summary>The runtime's <see cref="TransportListener"/> on a free loopback port, answering each request from the read loop.</summary>
internal sealed class TransportEchoServer : IAsyncDisposable, EchoServerCommand.IEchoServer, ITransportHandler
{
    private readonly TransportListener _listener;

    public TransportEchoServer()
    {
        _listener = new TransportListener(Options.Create(new TransportOptions()), this, TimeProvider.System, NullLoggerFactory.Instance);
        Port = _listener.Start(new IPEndPoint(IPAddress.Loopback, 0)).Port;
    }

    public int Port { get; }

    public ValueTask HandleAsync(TransportConnection connection, Frame frame, CancellationToken cancellationToken)
    {
        if (frame.Type != FrameType.Request)
            return ValueTask.CompletedTask;
        var sent = connection.SendAsync(new Frame(FrameType.Response, frame.CorrelationId, frame.Payload), cancellationToken);
        return sent.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(sent.AsTask());
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
