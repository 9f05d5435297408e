using Actors.Runtime.Activation;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging;

/// <summary>
/// The call path between a proxy and an activation: stamps the request with its send time and deadline, hooks the
/// caller's cancellation token, and delivers the request to the activation that owns the grain. A stand-alone silo
/// places every grain locally; in a cluster the owner on the placement ring gets it, over TCP when it is another silo
/// (<see cref="RemoteGrainCalls"/>). A client (a process that hosts no grains) sends every call to its owner.
/// </summary>
internal sealed class GrainCallRouter(
    ActivationTable table,
    ClusterPlacement placement,
    RemoteGrainCalls remote,
    TimeProvider time,
    IOptions<MessagingOptions> messaging,
    IOptions<ClusterOptions> cluster) : IGrainCallInvoker
{
    private readonly long _timeoutTimestampTicks =
        (long)(messaging.Value.ResponseTimeout.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private readonly bool _clustered = cluster.Value.Enabled;

    private Action<GrainId, GrainRequest>? _reroute; // one delegate for every remote call, not one per call

    public void Invoke(GrainId target, GrainRequest request, CancellationToken cancellationToken)
    {
        Stamp(request);
        if (cancellationToken.CanBeCanceled)
        {
            request.CancellationToken = cancellationToken;
            request.CancellationRegistration = cancellationToken.UnsafeRegister(
                static (state, token) => ((GrainRequest)state!).TryFail(new OperationCanceledException(token)), request);
            if (request.IsCompleted)
                return;
        }

        // A caller outside any grain may run an idle activation's turn itself; a grain never runs another's on its turn.
        Route(target, request, mayStartOnCaller: SynchronizationContext.Current is not Activation.Activation);
    }

    /// <summary>Runs a call that arrived from another process on this silo, which owned the grain when the call was
    /// read: it is not routed again (a forwarded call must never be forwarded twice). Should the activation deactivate
    /// before running it, <see cref="Reroute"/> decides afresh. <paramref name="mayStartOnCaller"/>: an idle activation
    /// may run the call on this thread (never pass it on a connection's read loop).</summary>
    public void InvokeLocally(GrainId target, GrainRequest request, bool mayStartOnCaller = false)
    {
        Stamp(request);
        try
        {
            table.Dispatch(target, request, mayStartOnCaller);
        }
        catch (Exception exception)
        {
            request.TryFail(exception);
        }
    }

    /// <summary>Sends a request again (it waited on an activation which then deactivated, or a silo rejected it); its
    /// deadline is kept.</summary>
    public void Reroute(GrainId target, GrainRequest request) => Route(target, request, mayStartOnCaller: false);

    private void Stamp(GrainRequest request)
    {
        var now = time.GetTimestamp();
        request.SentTimestamp = now;
        request.DeadlineTimestamp = now + _timeoutTimestampTicks;
    }

    private void Route(GrainId target, GrainRequest request, bool mayStartOnCaller)
    {
        try
        {
            if (!_clustered)
            {
                table.Dispatch(target, request, mayStartOnCaller);
                return;
            }

            var view = placement.Current;
            var owner = view.OwnerOf(target);
            if (owner is null)
                throw new SiloUnavailableException($"no active silo owns {target} in cluster view {view}");
            if (owner == view.Self)
                table.Dispatch(target, request, mayStartOnCaller);
            else
                remote.Send(view, owner, target, request, _reroute ??= Reroute);
        }
        catch (Exception exception)
        {
            request.TryFail(exception);
        }
    }
}
