using Actors.Runtime.Messaging.Transport;

namespace Actors.Runtime.Tests.Transport;

public sealed class ErrorPayloadTests
{
    [Fact]
    public void ErrorPayload_RoundTrip_KeepsTypeAndMessage()
    {
        var payload = ErrorPayload.Encode(new InvalidOperationException("no — ünïcode"));

        Assert.True(ErrorPayload.TryDecode(payload, out var type, out var message));

        Assert.Equal("System.InvalidOperationException", type);
        Assert.Equal("no — ünïcode", message);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 5, 65 })]
    public void ErrorPayload_Malformed_IsRefused(byte[] payload) => Assert.False(ErrorPayload.TryDecode(payload, out _, out _));
}
