using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging;

/// <summary>
/// Fails calls whose deadline has passed with a <see cref="TimeoutException"/>. Rather than a timer per call, it scans
/// the activations every <see cref="MessagingOptions.TimeoutCheckPeriod"/>, so a call costs only a timestamp. A waiting
/// call that times out never starts; a running one keeps running (its outcome is unknown to the caller).
/// </summary>
internal sealed partial class RequestTimeoutSweeper(
    ActivationTable table, TimeProvider time, IOptions<MessagingOptions> options, ILogger<RequestTimeoutSweeper> logger) : IDisposable
{
    private ITimer? _timer;

    public void Start()
    {
        var period = options.Value.TimeoutCheckPeriod;
        _timer = time.CreateTimer(static state => ((RequestTimeoutSweeper)state!).Sweep(), this, period, period);
    }

    internal void Sweep()
    {
        var now = time.GetTimestamp();
        var expired = new List<GrainRequest>();
        foreach (var activation in table.All)
        {
            activation.CollectExpired(now, expired);
            foreach (var request in expired)
            {
                var timeout = options.Value.ResponseTimeout;
                if (request.TryFail(new TimeoutException(
                        $"Call to {request.InterfaceName}.{request.MethodName} on grain {activation.GrainId} got no response within " +
                        $"{timeout}; the outcome is unknown.")))
                {
                    LogCallTimedOut(activation.GrainId, request.InterfaceName, request.MethodName, timeout);
                }
            }

            expired.Clear();
        }
    }

    public void Dispose() => _timer?.Dispose();

    [LoggerMessage(EventIds.CallTimedOut, LogLevel.Warning, "Call to {Interface}.{Method} on grain {GrainId} timed out after {Timeout}")]
    private partial void LogCallTimedOut(GrainId grainId, string @interface, string method, TimeSpan timeout);
}
