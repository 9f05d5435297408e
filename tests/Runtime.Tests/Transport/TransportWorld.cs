using System.Net;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Transport;

/// <summary>One test's transport: a listener on a fresh loopback port with the given handler, a client pool, and the
/// log entries of both.</summary>
internal sealed class TransportWorld : IAsyncDisposable
{
    private TransportWorld(ITransportHandler handler, TransportOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Handler = handler;
        Loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        Listener = new TransportListener(Microsoft.Extensions.Options.Options.Create(options), handler, time, Loggers);
        Client = new TransportConnections(Microsoft.Extensions.Options.Options.Create(options), time, Loggers);
    }

    public static TimeSpan LongTimeout { get; } = TimeSpan.FromMinutes(5);

    public RecordingLoggerProvider Logs { get; } = new();

    public ILoggerFactory Loggers { get; }

    public TransportOptions Options { get; }

    public TimeProvider Time { get; }

    public ITransportHandler Handler { get; }

    public TransportListener Listener { get; private set; }

    public TransportConnections Client { get; }

    public IPEndPoint EndPoint { get; private set; } = null!;

    public static TransportWorld Start(ITransportHandler handler, Action<TransportOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new TransportOptions();
        configure?.Invoke(options);
        var world = new TransportWorld(handler, options, time ?? TimeProvider.System);
        world.EndPoint = world.Listener.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return world;
    }

    /// <summary>Stops the listener and starts a new one on the same port.</summary>
    public async Task RestartListenerAsync()
    {
        await Listener.StopAsync();
        Listener = new TransportListener(Microsoft.Extensions.Options.Options.Create(Options), Handler, Time, Loggers);
        Listener.Start(EndPoint);
    }

    public Task<Frame> SendAsync(byte[] payload, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Client.SendRequestAsync(EndPoint, FrameType.Request, payload, timeout ?? LongTimeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Listener.DisposeAsync();
        Loggers.Dispose();
    }
}
