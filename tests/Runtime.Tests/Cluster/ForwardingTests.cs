using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Serialization;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using TestSilo = Actors.Runtime.Testing.TestSilo;

namespace Actors.Runtime.Tests.Cluster;

public sealed class ForwardingTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task CallToANonOwner_IsForwardedToTheOwner_AndAnsweredThere()
    {
        var key = Probe.Create().Id;
        var (owner, other) = OwnerAndOther(key);
        await using var raw = new RawCalls();

        var answer = await raw.SendAsync(other, RawCalls.EchoPayload(Cluster, key, "via the wrong silo"));

        Assert.Equal(FrameType.Response, answer.Type);
        Assert.Equal("via the wrong silo", WireFormat.FromBytes<string>(answer.Payload.Span));
        Assert.Equal([owner.Name], Cluster.SilosWithActivation(IdOf(key)));
        await Probe.For(key).ExpectAsync("activate");
    }

    [Fact]
    public async Task ForwardedCall_ReachingANonOwner_IsRejectedWithThatSilosViewVersion_AndNotRun()
    {
        var key = Probe.Create().Id;
        var (_, other) = OwnerAndOther(key);
        await using var raw = new RawCalls();

        var answer = await raw.SendAsync(other, RequestCodec.MarkForwarded(RawCalls.EchoPayload(Cluster, key, "again")));

        Assert.Equal(FrameType.Rejection, answer.Type);
        Assert.True(RejectionPayload.TryDecode(answer.Payload.Span, out var version, out var reason));
        Assert.Equal(other.Placement.Version, version);
        Assert.Contains("does not own", reason);
        Assert.Empty(Cluster.SilosWithActivation(IdOf(key)));
        Assert.False(Probe.For(key).TryPeek(out _));
    }

    [Fact]
    public async Task ForwardedCall_ReachingTheOwner_Runs()
    {
        var key = Probe.Create().Id;
        var (owner, _) = OwnerAndOther(key);
        await using var raw = new RawCalls();

        var answer = await raw.SendAsync(owner, RequestCodec.MarkForwarded(RawCalls.EchoPayload(Cluster, key, "forwarded")));

        Assert.Equal(FrameType.Response, answer.Type);
        Assert.Equal([owner.Name], Cluster.SilosWithActivation(IdOf(key)));
    }

    [Fact]
    public async Task CancelledForwardedCall_IsCancelledOnTheOwnerToo()
    {
        var key = Probe.Create().Id;
        var (_, other) = OwnerAndOther(key);
        await using var raw = new RawCalls();
        using var cancellation = new CancellationTokenSource();
        var connection = await raw.Connections.GetConnectionAsync(RawCalls.EndPointOf(other));

        var waiting = connection.SendRequestAsync(FrameType.Request, RawCalls.WaitForCancellationPayload(Cluster, key), RawCalls.AnswerTimeout,
            cancellation.Token);
        await Probe.For(key).ExpectAsync("activate");
        await Probe.For(key).ExpectAsync("enter wait");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        // The grain is not reentrant: it answers only once the waiting method has ended on the owner.
        Assert.Equal("next", await Cluster.Client.GetGrain<ITurnGrain>(key).Echo("next").WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private GrainId IdOf(string key) => ClusterTesting.IdOf(Cluster.Client.GetGrain<ITurnGrain>(key));

    private (TestSilo Owner, TestSilo Other) OwnerAndOther(string key)
    {
        var owner = Cluster.OwnerOf(IdOf(key));
        return (owner, Cluster.Silos.First(s => s != owner));
    }
}
