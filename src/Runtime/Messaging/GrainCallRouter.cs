using Actors.Runtime.Activation;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging;

/// <summary>
/// The call path between a proxy and an activation: stamps the request with its send time and deadline, hooks the
/// caller's cancellation token, and delivers the request to the activation that owns the grain. On a single silo every
/// grain is placed locally; a cluster routes to the owner on the placement ring and sends remote requests over TCP.
/// </summary>
internal sealed class GrainCallRouter(ActivationTable table, TimeProvider time, IOptions<MessagingOptions> messaging) : IGrainCallInvoker
{
    private readonly long _timeoutTimestampTicks =
        (long)(messaging.Value.ResponseTimeout.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);

    public void Invoke(GrainId target, GrainRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        request.SentTimestamp = now;
        request.DeadlineTimestamp = now + _timeoutTimestampTicks;
        if (cancellationToken.CanBeCanceled)
        {
            request.CancellationToken = cancellationToken;
            request.CancellationRegistration = cancellationToken.UnsafeRegister(
                static (state, token) => ((GrainRequest)state!).TryFail(new OperationCanceledException(token)), request);
            if (request.IsCompleted)
                return;
        }

        Route(target, request);
    }

    /// <summary>Sends a request that waited on an activation which then deactivated; its deadline is kept.</summary>
    public void Reroute(GrainId target, GrainRequest request) => Route(target, request);

    private void Route(GrainId target, GrainRequest request)
    {
        try
        {
            table.Dispatch(target, request);
        }
        catch (Exception exception)
        {
            request.TryFail(exception);
        }
    }
}
