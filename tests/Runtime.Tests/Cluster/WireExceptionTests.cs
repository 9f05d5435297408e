using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Tests.Grains;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Grain exceptions thrown on a silo and received by the cluster client.</summary>
public sealed class WireExceptionTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    private IWireGrain Grain => fixture.Cluster.Client.GetGrain<IWireGrain>(Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task GrainException_ArrivesAsItsOwnTypeWithItsMessage()
    {
        var exception = await Assert.ThrowsAsync<TestGrainException>(() => Grain.ThrowTestException("no such unit"));

        Assert.Equal("no such unit", exception.Message);
    }

    [Fact]
    public async Task FrameworkException_WithDerivedMessage_ArrivesWithTheSameMessageAndData()
    {
        var grain = fixture.Cluster.Client.GetGrain<ITurnGrain>(Infrastructure.Probe.Create().Id);

        var exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.Throw("bad input"));

        Assert.Equal(new ArgumentException("bad input", "value").Message, exception.Message);
        Assert.Equal("value", exception.ParamName);
    }

    [Fact]
    public async Task CustomException_WithConstructorData_KeepsItsData()
    {
        var exception = await Assert.ThrowsAsync<CourseClosedException>(() => Grain.ThrowCourseClosed("course-v1:Org+C+1", 3));

        Assert.Equal("course-v1:Org+C+1", exception.CourseKey);
        Assert.Equal(3, exception.Attempts);
        Assert.Equal("course-v1:Org+C+1 is closed", exception.Message);
    }

    [Fact]
    public async Task UnbuildableException_ArrivesAsRemoteGrainExceptionNamingTheType()
    {
        var exception = await Assert.ThrowsAsync<RemoteGrainException>(() => Grain.ThrowUnbuildable(42));

        Assert.Equal(typeof(UnbuildableException).FullName, exception.RemoteType);
        Assert.Equal("unbuildable 42", exception.Message);
    }

    [Fact]
    public void UnknownExceptionType_DecodesAsRemoteGrainExceptionNamingTheType()
    {
        var payload = ErrorPayload.Encode("Elsewhere.GradingFailedException, Elsewhere.Grading", "grader is down");

        var exception = Assert.IsType<RemoteGrainException>(ExceptionCodec.Decode(payload));

        Assert.Equal("Elsewhere.GradingFailedException", exception.RemoteType);
        Assert.Equal("grader is down", exception.Message);
    }
}
