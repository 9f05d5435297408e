using System.Buffers.Binary;
using Actors.Runtime.Messaging.Transport;

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
