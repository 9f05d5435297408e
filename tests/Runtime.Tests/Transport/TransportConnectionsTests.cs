using System.Net;
using System.Net.Sockets;
using System.Text;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Transport;

public sealed class TransportConnectionsTests
{
    [Fact]
    public async Task Send_AfterServerRestartsOnSamePort_Reconnects()
    {
        await using var world = TransportWorld.Start(new EchoHandler());
        var first = await world.Client.GetConnectionAsync(world.EndPoint);
        Assert.Equal("before", Encoding.UTF8.GetString((await world.SendAsync("before"u8.ToArray())).Payload.Span));

        await world.Listener.StopAsync();
        await first.Closed.WaitAsync(Probe.Patience);
        var whileDown = await Assert.ThrowsAsync<SiloUnavailableException>(() => world.SendAsync(new byte[1]));
        await world.RestartListenerAsync();
        var after = await world.SendAsync("after"u8.ToArray()).WaitAsync(Probe.Patience);

        Assert.Equal(world.EndPoint, whileDown.Endpoint);
        Assert.Contains("connecting failed", whileDown.Reason);
        Assert.Equal("after", Encoding.UTF8.GetString(after.Payload.Span));
        Assert.NotSame(first, await world.Client.GetConnectionAsync(world.EndPoint));
        Assert.Equal(1, world.Logs.Count(EventIds.TransportConnectFailed));
    }

    [Fact]
    public async Task GetConnection_ConcurrentCallers_ShareOneConnection()
    {
        await using var world = TransportWorld.Start(new EchoHandler());

        var connections = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => world.Client.GetConnectionAsync(world.EndPoint).AsTask()));

        Assert.All(connections, connection => Assert.Same(connections[0], connection));
        await Eventually.TrueAsync(() => world.Listener.Connections.Count == 1, "the listener has accepted the connection");
        await Task.Delay(100);
        Assert.Single(world.Listener.Connections);
    }

    [Fact]
    public async Task Send_ToEndpointNobodyListensOn_FailsWithSiloUnavailable()
    {
        // Bound but not listening: connecting is refused, and no other test can take the port meanwhile.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var unused = (IPEndPoint)bound.LocalEndPoint!;

        await using var world = TransportWorld.Start(new EchoHandler());

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(
            () => world.Client.SendRequestAsync(unused, FrameType.Request, new byte[1], TransportWorld.LongTimeout));

        Assert.Equal(unused, error.Endpoint);
        Assert.Contains(unused.ToString(), error.Message);
    }
}
