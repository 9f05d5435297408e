using Actors.Runtime.Invocation;
using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Tests.Cluster;

namespace Actors.Runtime.Tests.Invocation;

public sealed class RequestCodecTests
{
    [Fact]
    public void Encode_ThenDecode_GivesTheTargetMethodAndArguments()
    {
        var target = new GrainId(new GrainType("turn"), "Ünïcode key 𝄞");
        var payload = RequestCodec.Encode(target, RawCalls.EchoRequest("hello"));

        var (decoded, methodId, argumentsOffset) = RequestCodec.DecodeHeader(payload);
        var request = GrainRequestFactories.Create(methodId)!;
        request.ReadArguments(payload[argumentsOffset..]);

        Assert.Equal(target, decoded);
        Assert.Equal(target.UniformHash, decoded.UniformHash);
        Assert.Equal(GrainRequestFactories.IdOf(RawCalls.EchoWireKey), methodId);
        Assert.Equal("hello", request.GetType().GetField("Arg0")!.GetValue(request));
        Assert.False(RequestCodec.IsForwarded(payload));
        Assert.True(RequestCodec.IsForwarded(RequestCodec.MarkForwarded(payload)));
    }

    [Fact]
    public void DecodeHeader_ManyMadeUpGrainTypes_ReadsEachByItsOwnName()
    {
        for (var i = 0; i < 200; i++)
        {
            var target = new GrainId(new GrainType($"made-up-{i}"), "key");

            var (decoded, _, _) = RequestCodec.DecodeHeader(RequestCodec.Encode(target, RawCalls.EchoRequest("x")));

            Assert.Equal(target.Type, decoded.Type);
            Assert.Same(target.Type.Name, decoded.Type.Name); // interned, as every grain type name
        }
    }
}
