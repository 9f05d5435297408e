using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Placement;

namespace Actors.Runtime.Membership;

/// <summary>Probes a silo with a transport ping on the same connection grain calls use, so a probe fails exactly when
/// calls to that silo would.</summary>
internal sealed class TransportSiloProber(TransportConnections connections) : ISiloProber
{
    public async Task<bool> ProbeAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await connections.SendRequestAsync(PlacementView.EndPointOf(target), FrameType.Ping, ReadOnlyMemory<byte>.Empty,
                timeout, cancellationToken).ConfigureAwait(false);
            return answer.Type == FrameType.Pong;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
