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

    [Fact]
    public void ErrorPayload_RoundTrip_KeepsDetails()
    {
        var payload = ErrorPayload.Encode("Some.Error", "why", """{"a":1}"""u8);

        Assert.True(ErrorPayload.TryDecode(payload, out var type, out var message, out var details));

        Assert.Equal(("Some.Error", "why"), (type, message));
        Assert.Equal("""{"a":1}""", System.Text.Encoding.UTF8.GetString(details));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 5, 65 })]
    [InlineData(new byte[] { 0, 1, 65, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 1, 65, 0, 0, 0, 9, 66 })]
    [InlineData(new byte[] { 0, 1, 65, 255, 255, 255, 255 })]
    public void ErrorPayload_Malformed_IsRefused(byte[] payload) => Assert.False(ErrorPayload.TryDecode(payload, out _, out _));
}
