using Actors.Runtime.Messaging.Transport;

namespace Actors.Runtime.Tests.Transport;

public sealed class RejectionPayloadTests
{
    [Fact]
    public void RejectionPayload_RoundTrip_KeepsViewVersionAndReason()
    {
        var payload = RejectionPayload.Encode(long.MaxValue - 3, "not the owner");

        Assert.True(RejectionPayload.TryDecode(payload, out var version, out var reason));

        Assert.Equal(long.MaxValue - 3, version);
        Assert.Equal("not the owner", reason);
    }

    [Fact]
    public void RejectionPayload_TooShort_IsRefused() => Assert.False(RejectionPayload.TryDecode(new byte[7], out _, out _));
}
