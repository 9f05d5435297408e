using Actors.Runtime.Messaging.Transport;

namespace Actors.Runtime.Tests.Transport;

public sealed class TransportOptionsValidatorTests
{
    [Fact]
    public void Validate_BadValues_NameTheSettingAndValue()
    {
        var result = new TransportOptionsValidator().Validate(null, new TransportOptions
        {
            MaxFrameBytes = 3, ConnectTimeout = TimeSpan.Zero, SendQueueCapacity = 0, ReadBatchSize = 0, TimeoutCheckPeriod = TimeSpan.FromSeconds(-1),
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Actors:Transport:MaxFrameBytes", StringComparison.Ordinal) && f.Contains('3'));
        Assert.Contains(result.Failures!, f => f.Contains("Actors:Transport:ConnectTimeout", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Actors:Transport:SendQueueCapacity", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Actors:Transport:ReadBatchSize", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Actors:Transport:TimeoutCheckPeriod", StringComparison.Ordinal));
        Assert.True(new TransportOptionsValidator().Validate(null, new TransportOptions()).Succeeded);
    }
}
