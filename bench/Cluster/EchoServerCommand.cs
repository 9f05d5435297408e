using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Actors.Runtime.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Bench.Cluster;

/// <summary>
/// The hidden subcommand <c>echo-server --kind raw|transport</c>: answers every Request frame with a Response frame
/// carrying the same correlation id and payload, on 127.0.0.1 (a free port, announced as <c>ready PORT</c>), until its
/// standard input closes. <c>raw</c>: a plain socket per connection that answers all the frames of one read with one
/// send, the cheapest correct server of the framing. <c>transport</c>: the runtime's <see cref="TransportListener"/>.
/// </summary>
internal static class EchoServerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var kind = ChildArguments.Value(args, "--kind") ?? "raw";
        await using var server = kind switch
        {
            "raw" => (IAsyncDisposable)RawFrameEchoServer.Start(),
            "transport" => new TransportEchoServer(),
            _ => throw new ArgumentException($"echo-server --kind must be raw or transport, not {kind}"),
        };
        Console.WriteLine($"ready {((IEchoServer)server).Port}");
        await ChildArguments.StandardInputClosedAsync();
        return 0;
    }

    internal interface IEchoServer
    {
        int Port { get; }
    }

    /// <summary>The runtime's <see cref="TransportListener"/> on a free loopback port, answering each request from the read loop.</summary>
    internal sealed class TransportEchoServer : IAsyncDisposable, IEchoServer, ITransportHandler
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
}

/// <summary>Frame boundaries in raw bytes (format on <see cref="Frame"/>), for the raw-socket baseline.</summary>
internal static class RawFrames
{
    /// <summary>True when <paramref name="bytes"/> starts with a whole frame; <paramref name="size"/> is its wire size.</summary>
    public static bool TryMeasure(ReadOnlySpan<byte> bytes, out int size)
    {
        size = bytes.Length < Frame.LengthPrefixBytes ? 0 : Frame.LengthPrefixBytes + BinaryPrimitives.ReadInt32BigEndian(bytes);
        return size > 0 && bytes.Length >= size;
    }
}
