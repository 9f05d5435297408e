using System.Net;
using Actors.Runtime.Invocation;
using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Placement;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Grains;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Grain-call frames built by hand (<see cref="RequestCodec"/>), sent to a silo's port from outside the runtime.</summary>
internal sealed class RawCalls : IAsyncDisposable
{
    /// <summary>The wire key of <see cref="ITurnGrain.Echo"/>, as the code generator writes it.</summary>
    public const string EchoWireKey = "Actors.Runtime.Tests.Grains.ITurnGrain.Echo(string)";

    public static TimeSpan AnswerTimeout { get; } = TimeSpan.FromSeconds(5);

    public TransportConnections Connections { get; } =
        new(Options.Create(new TransportOptions()), TimeProvider.System, NullLoggerFactory.Instance);

    /// <summary>The payload of <c>ITurnGrain.Echo(text)</c> on the grain with <paramref name="key"/>.</summary>
    public static byte[] EchoPayload(TestCluster cluster, string key, string text) =>
        RequestCodec.Encode(ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(key)), EchoRequest(text)).ToArray();

    /// <summary>The payload of <c>ITurnGrain.WaitForCancellation(token)</c> on the grain with <paramref name="key"/>.</summary>
    public static byte[] WaitForCancellationPayload(TestCluster cluster, string key) =>
        RequestCodec.Encode(ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(key)),
            GrainRequestFactories.Create(GrainRequestFactories.IdOf("Actors.Runtime.Tests.Grains.ITurnGrain.WaitForCancellation()"))
            ?? throw new InvalidOperationException("No request for ITurnGrain.WaitForCancellation; did the generator's wire key format change?")).ToArray();

    /// <summary>A request for <c>ITurnGrain.Echo(text)</c>, made as a silo makes one from the wire.</summary>
    public static GrainRequest EchoRequest(string text)
    {
        var request = GrainRequestFactories.Create(GrainRequestFactories.IdOf(EchoWireKey))
            ?? throw new InvalidOperationException($"No request for {EchoWireKey}; did the generator's wire key format change?");
        request.GetType().GetField("Arg0")!.SetValue(request, text);
        return request;
    }

    public static EndPoint EndPointOf(TestSilo silo) => PlacementView.EndPointOf(silo.Address);

    public Task<Frame> SendAsync(TestSilo silo, byte[] payload) =>
        Connections.SendRequestAsync(EndPointOf(silo), FrameType.Request, payload, AnswerTimeout);

    public ValueTask DisposeAsync() => Connections.DisposeAsync();
}
