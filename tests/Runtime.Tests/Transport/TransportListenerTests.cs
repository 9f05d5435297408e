using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Transport;

public sealed class TransportListenerTests
{
    [Fact]
    public async Task Start_OnPortZero_ExposesTheBoundPort()
    {
        await using var world = TransportWorld.Start(new EchoHandler());

        Assert.NotEqual(0, world.EndPoint.Port);
        Assert.Equal(world.EndPoint, world.Listener.LocalEndPoint);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF }, "exceeds MaxFrameBytes")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, "exceeds MaxFrameBytes")]
    [InlineData(new byte[] { 0, 0, 0, 0 }, "shorter than")]
    [InlineData(new byte[] { 0, 0, 0, 9, 0xEE, 0, 0, 0, 0, 0, 0, 0, 1 }, "unknown frame type 238")]
    public async Task BadHeader_ClosesThatConnectionAtOnceWithLoggedReason(byte[] header, string reason)
    {
        await using var world = TransportWorld.Start(new EchoHandler());
        var good = await world.Client.GetConnectionAsync(world.EndPoint);

        using var raw = await ConnectRawAsync(world.EndPoint);
        await raw.SendAsync(header); // and nothing more: the server must not wait for the rest

        await ReadUntilClosedAsync(raw);
        await Eventually.TrueAsync(() => world.Logs.Entries.Any(e => e.EventId.Id == EventIds.TransportBadFrame && e.Message.Contains(reason)), "the bad frame is logged");
        Assert.False(good.IsClosed);
        Assert.Equal("ok", Encoding.UTF8.GetString((await world.SendAsync("ok"u8.ToArray())).Payload.Span));
    }

    [Fact]
    public async Task GarbageConnections_EachClosedAndLogged_WhileAWellBehavedClientKeepsBeingServed()
    {
        const int garbageConnections = 200;
        await using var world = TransportWorld.Start(new EchoHandler());
        var good = await world.Client.GetConnectionAsync(world.EndPoint);
        var random = new Random(20240611);
        var garbage = Enumerable.Range(0, garbageConnections).Select(_ =>
        {
            var bytes = new byte[random.Next(1, 600)];
            random.NextBytes(bytes);
            return bytes;
        }).ToArray();
        var expectedBadFrames = garbage.Count(IsBad);

        var goodCalls = Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var payload = Encoding.UTF8.GetBytes($"call {i}");
                Assert.Equal(payload, (await world.SendAsync(payload)).Payload.ToArray());
            }
        });
        await Parallel.ForEachAsync(garbage, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (bytes, _) =>
        {
            using var raw = await ConnectRawAsync(world.EndPoint);
            try
            {
                await raw.SendAsync(bytes);
                raw.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The server may close on the first bad bytes before we finish writing.
            }

            await ReadUntilClosedAsync(raw);
        });
        await goodCalls.WaitAsync(Probe.Patience);

        Assert.True(expectedBadFrames > garbageConnections * 9 / 10);
        await Eventually.TrueAsync(() => world.Logs.Count(EventIds.TransportBadFrame) == expectedBadFrames,
            $"{expectedBadFrames} bad frames are logged (now {world.Logs.Count(EventIds.TransportBadFrame)})");
        await Eventually.TrueAsync(() => world.Listener.Connections.Count == 1, "only the good connection is left");
        Assert.False(good.IsClosed);
        Assert.Same(good, await world.Client.GetConnectionAsync(world.EndPoint));
        Assert.Equal("still here", Encoding.UTF8.GetString((await world.SendAsync("still here"u8.ToArray())).Payload.Span));
    }

    [Fact]
    public async Task Stop_ClosesConnectionsAndRefusesNewOnes()
    {
        await using var world = TransportWorld.Start(new EchoHandler());
        var connection = await world.Client.GetConnectionAsync(world.EndPoint);

        await world.Listener.StopAsync();

        await connection.Closed.WaitAsync(Probe.Patience); // end of stream or reset, depending on timing
        Assert.Empty(world.Listener.Connections);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => world.SendAsync(new byte[1]));
    }

    /// <summary>Whether the server must reject these bytes followed by end of stream (anything but whole valid frames).</summary>
    private static bool IsBad(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        while (FrameReader.TryRead(ref buffer, new TransportOptions().MaxFrameBytes, out _, out var error) || error is not null)
        {
            if (error is not null)
                return true;
        }

        return !buffer.IsEmpty;
    }

    private static async Task<Socket> ConnectRawAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint);
        return socket;
    }

    /// <summary>Reads and discards until the server closes (end of stream or reset), failing after the test patience.</summary>
    private static async Task ReadUntilClosedAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Probe.Patience);
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset: the server closed with our bytes unread. Closed all the same.
        }
    }
}
