using System.Net;
using System.Net.Sockets;

namespace Actors.Bench.Cluster;

/// <summary>
/// The baseline server: a plain socket per connection with the framing of <see cref="RawFrames"/>, answering every Request frame with a
/// Response frame of the same correlation id and payload, all the frames of one read with one send. The cheapest
/// correct server of the framing.
/// </summary>
internal sealed class RawFrameEchoServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public static RawFrameEchoServer Start()
    {
        var server = new RawFrameEchoServer();
        server._listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server._listener.Listen();
        _ = Task.Run(server.AcceptAsync);
        return server;
    }

    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptAsync();
                connection.NoDelay = true;
                _ = Task.Run(() => ServeAsync(connection));
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task ServeAsync(Socket connection)
    {
        var input = new byte[64 * 1024];
        var output = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(input.AsMemory(filled));
                if (read == 0)
                    return;
                filled += read;
                var consumed = 0;
                var written = 0;
                while (RawFrames.TryMeasure(input.AsSpan(consumed, filled - consumed), out var size))
                {
                    if (written + size > output.Length)
                    {
                        await connection.SendAsync(output.AsMemory(0, written));
                        written = 0;
                    }

                    input.AsSpan(consumed, size).CopyTo(output.AsSpan(written));
                    output[written + RawFrames.LengthPrefixBytes] = RawFrames.Response;
                    written += size;
                    consumed += size;
                }

                if (written > 0)
                    await connection.SendAsync(output.AsMemory(0, written));
                input.AsSpan(consumed, filled - consumed).CopyTo(input);
                filled -= consumed;
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            connection.Dispose();
        }
    }
}
