using System.Net;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Actors.Runtime.Membership;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging.Remote;

/// <summary>
/// Sends grain calls to the silo that owns the grain and completes the caller with the answer: the result, the grain's
/// exception (<see cref="ExceptionCodec"/>), or a rejection. A call that did not run — rejected because the silo did not
/// own the grain in its view, or never sent because the silo's port refused the connection — is sent again after a
/// newer view arrives or <see cref="ClusterOptions.RejectedRetryDelay"/> passes, at most
/// <see cref="ClusterOptions.MaxRejectedRetries"/> times. A call whose connection fails after it was sent is not sent
/// again (the silo may have run it): the caller gets the <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed partial class RemoteGrainCalls(
    TransportConnections connections,
    ClusterPlacement placement,
    TimeProvider time,
    IOptions<ClusterOptions> options,
    ILogger<RemoteGrainCalls> logger)
{
    private readonly ClusterOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private ViewRoutes? _routes;

    /// <summary>The connections to other silos, shared with the membership prober and the forwarder.</summary>
    public TransportConnections Connections => connections;

    /// <summary>Sends <paramref name="request"/> to <paramref name="owner"/>; <paramref name="reroute"/> routes it again
    /// after a rejection.</summary>
    public void Send(PlacementView view, SiloAddress owner, GrainId target, GrainRequest request, Action<GrainId, GrainRequest> reroute)
    {
        var routes = _routes;
        if (routes?.View != view)
            _routes = routes = new ViewRoutes(view);
        var route = routes.To(owner);
        try
        {
            var call = new RemoteCall(this, view, route.EndPoint, target, request, reroute);
            var payload = RequestCodec.Encode(target, request);
            if (route.Connection is { IsClosed: false } open)
                open.Send(call, payload, request.CancellationToken);
            else
                route.Connection = connections.Send(route.EndPoint, call, payload, request.CancellationToken);
        }
        catch (Exception exception)
        {
            request.TryFail(exception);
        }
    }

    /// <summary>Where each silo of one view is reached, and the connection last used for it, so a call needs no lookup
    /// by address or endpoint. A handful of silos: a scan by reference beats hashing the address.</summary>
    private sealed class ViewRoutes(PlacementView view)
    {
        private readonly SiloRoute[] _routes = view.Ring.Silos.Select(silo => new SiloRoute(silo, view.EndPointFor(silo))).ToArray();

        public PlacementView View => view;

        public SiloRoute To(SiloAddress silo)
        {
            foreach (var route in _routes)
            {
                if (ReferenceEquals(route.Silo, silo))
                    return route;
            }

            return new SiloRoute(silo, view.EndPointFor(silo)); // not on the ring (a silo-addressed grain's silo): no cache
        }
    }

    private sealed class SiloRoute(SiloAddress silo, EndPoint endpoint)
    {
        public SiloAddress Silo => silo;

        public EndPoint EndPoint => endpoint;

        /// <summary>The connection last used to reach the silo; used again while it is open.</summary>
        public TransportConnection? Connection { get; set; }
    }

    /// <summary>
    /// One grain call on the wire. Its answer is read into the request right on the connection's read loop (no thread
    /// hop, no task); the request then resumes its caller on the caller's own terms, never on that loop. The transport
    /// times it out at the request's own deadline.
    /// </summary>
    private sealed class RemoteCall(RemoteGrainCalls calls, PlacementView view, EndPoint endpoint, GrainId target, GrainRequest request,
        Action<GrainId, GrainRequest> reroute)
        : PendingCall(FrameType.Request, calls._time.GetElapsedTime(request.SentTimestamp, request.DeadlineTimestamp), request.DeadlineTimestamp)
    {
        protected override void OnAnswer(FrameType answerType, ReadOnlySpan<byte> payload)
        {
            switch (answerType)
            {
                case FrameType.Response:
                    request.SucceedFromWire(payload);
                    break;
                case FrameType.Error:
                    request.TryFail(ExceptionCodec.Decode(payload));
                    break;
                case FrameType.Rejection:
                    RejectionPayload.TryDecode(payload, out var theirVersion, out var reason);
                    _ = calls.RetryAsync(view, endpoint, target, request, theirVersion, reason, reroute);
                    break;
                default:
                    request.TryFail(new SiloUnavailableException(endpoint, $"it answered a grain call with a {answerType} frame"));
                    break;
            }
        }

        protected override void OnFailure(Exception exception)
        {
            // Never sent (the silo is down and not yet declared dead, say): safe to route again once the view moves on.
            if (exception is SiloUnavailableException { NotSent: true } unreachable)
                _ = calls.RetryAsync(view, endpoint, target, request, theirVersion: -1, unreachable.Reason, reroute);
            else
                request.TryFail(exception);
        }
    }

    // A call that did not run (rejected, or never sent) goes out again once this process has a view newer than the one
    // it was routed by (or newer than the rejecting silo's), waiting at most RejectedRetryDelay × attempt / max.
    private async Task RetryAsync(PlacementView view, EndPoint endpoint, GrainId target, GrainRequest request, long theirVersion,
        string reason, Action<GrainId, GrainRequest> reroute)
    {
        var attempt = ++request.Rejections;
        if (attempt > _options.MaxRejectedRetries)
        {
            LogCallRejected(target, endpoint, attempt, reason);
            request.TryFail(new SiloUnavailableException(endpoint,
                $"the call to {target} did not run ({reason}); {attempt} attempts, our view v{placement.Current.Version}, theirs v{theirVersion}"));
            return;
        }

        LogCallRejectedRetrying(target, endpoint, attempt, view.Version, theirVersion, reason);
        await placement.WaitForNewerAsync(Math.Max(view.Version, theirVersion - 1), _options.RejectedRetryDelay * attempt / _options.MaxRejectedRetries, _time)
            .ConfigureAwait(false);
        reroute(target, request);
    }

    [LoggerMessage(EventIds.CallRejected, LogLevel.Warning, "Call to grain {GrainId} failed: it did not run on silo {Endpoint} in {Attempts} attempts; last reason: {Reason}")]
    private partial void LogCallRejected(GrainId grainId, EndPoint endpoint, int attempts, string reason);

    [LoggerMessage(EventIds.CallRejectedRetrying, LogLevel.Debug, "The call to grain {GrainId} did not run on silo {Endpoint} (attempt {Attempt}; our view v{OurVersion}, theirs v{TheirVersion}): {Reason}; retrying after a view change")]
    private partial void LogCallRejectedRetrying(GrainId grainId, EndPoint endpoint, int attempt, long ourVersion, long theirVersion, string reason);
}
