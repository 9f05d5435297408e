using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Actors.Runtime.Invocation;
using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Grains;

namespace Actors.Runtime.Tests.Cluster;

public sealed class FrameFuzzTests
{
    private readonly Random _random = new(20240611);

    [Fact]
    public async Task RandomBytes_OnTheSiloPort_LeaveTheSiloServingCalls()
    {
        await using var cluster = await ClusterTesting.StartAsync(silos: 2);
        var target = cluster.Silos[0];

        for (var i = 0; i < 40; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(RawCalls.EndPointOf(target));
            var bytes = new byte[_random.Next(1, 4096)];
            _random.NextBytes(bytes);
            if (i % 4 == 0)
                BinaryPrimitives.WriteInt32BigEndian(bytes, bytes.Length - 4); // a plausible length, then garbage
            await socket.SendAsync(bytes);
        }

        await AssertServesCallsAsync(cluster, target);
    }

    [Fact]
    public async Task WellFormedFramesWithBadPayloads_AreAnsweredWithErrors_AndTheSiloKeepsServingCalls()
    {
        await using var cluster = await ClusterTesting.StartAsync(silos: 2);
        var target = cluster.Silos[0];
        var key = cluster.ProbeKeysOwnedBy<ITurnGrain>(target, count: 1)[0];
        var valid = RawCalls.EchoPayload(cluster, key, "a valid call");
        var (_, _, argumentsOffset) = RequestCodec.DecodeHeader(valid);
        await using var raw = new RawCalls();

        foreach (var payload in BadPayloads(valid, argumentsOffset))
        {
            var answer = await raw.SendAsync(target, payload);
            Assert.True(answer.Type is FrameType.Error or FrameType.Rejection,
                $"payload {Convert.ToHexString(payload)} was answered with {answer.Type}");
        }

        foreach (var type in new[] { FrameType.Response, FrameType.Error, FrameType.Rejection, FrameType.Pong, FrameType.Cancel })
        {
            var connection = await raw.Connections.GetConnectionAsync(RawCalls.EndPointOf(target));
            await connection.SendAsync(new Frame(type, _random.NextInt64(), RandomBytes(32)));
        }

        Assert.Equal(FrameType.Response, (await raw.SendAsync(target, valid)).Type);
        await AssertServesCallsAsync(cluster, target);
    }

    private IEnumerable<byte[]> BadPayloads(byte[] valid, int argumentsOffset)
    {
        for (var i = 0; i < 30; i++)
            yield return RandomBytes(_random.Next(0, 64));
        for (var length = 0; length < valid.Length; length++)
            yield return valid[..length]; // every truncation: header cut short, or arguments cut off

        var unknownMethod = valid.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(unknownMethod.AsSpan(1), GrainRequestFactories.IdOf("No.Such.IGrain.Method()"));
        yield return unknownMethod;

        yield return [.. valid[..argumentsOffset], 0x7F]; // a string whose length runs past the end
        yield return [.. valid[..argumentsOffset], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]; // a length longer than 5 bytes
        yield return [.. valid, 0x00]; // a byte after the last argument
        yield return [.. valid[..argumentsOffset], .. RandomBytes(20)];

        var hugeKeyLength = valid.ToArray();
        var typeLength = BinaryPrimitives.ReadUInt16BigEndian(valid.AsSpan(5));
        BinaryPrimitives.WriteInt32BigEndian(hugeKeyLength.AsSpan(7 + typeLength), int.MaxValue);
        yield return hugeKeyLength;

        var unknownGrainType = Encoding.UTF8.GetBytes("no-such-grain-type");
        var badType = new byte[1 + 4 + 2 + unknownGrainType.Length + 4 + 3 + 2];
        valid.AsSpan(1, 4).CopyTo(badType.AsSpan(1)); // Echo's method id, on a grain type nobody implements
        BinaryPrimitives.WriteUInt16BigEndian(badType.AsSpan(5), (ushort)unknownGrainType.Length);
        unknownGrainType.CopyTo(badType.AsSpan(7));
        BinaryPrimitives.WriteInt32BigEndian(badType.AsSpan(7 + unknownGrainType.Length), 3);
        Encoding.UTF8.GetBytes("key").CopyTo(badType.AsSpan(11 + unknownGrainType.Length));
        Encoding.UTF8.GetBytes("[]").CopyTo(badType.AsSpan(14 + unknownGrainType.Length));
        yield return badType;
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static async Task AssertServesCallsAsync(TestCluster cluster, Actors.Runtime.Testing.TestSilo target)
    {
        foreach (var key in cluster.ProbeKeysOwnedBy<ITurnGrain>(target, count: 3))
        {
            Assert.Equal("still here", await cluster.Client.GetGrain<ITurnGrain>(key).Echo("still here"));
            Assert.Equal([target.Name], cluster.SilosWithActivation(ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(key))));
        }

        await cluster.WaitForLivenessToStabilizeAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, cluster.Silos.Count(s => s.Placement.Ring.Silos.Contains(target.Address)));
    }
}
