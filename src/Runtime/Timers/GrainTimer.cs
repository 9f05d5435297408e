using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Timers;

/// <summary>
/// A grain timer. Each due time queues one <see cref="TimerTickRequest"/> on the activation; the next due time is
/// set only after that tick has finished, so ticks never overlap. A tick that throws is logged and the timer goes on.
/// </summary>
internal sealed partial class GrainTimer : IGrainTimer
{
    private readonly Activation.Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private TimeSpan _period;
    private TimeSpan? _dueAfterTick;
    private bool _ticking;

    public GrainTimer(Activation.Activation activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DueTime, TimeSpan.Zero, nameof(options.DueTime));
        if (options.Period <= TimeSpan.Zero && options.Period != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), options.Period, "Period must be positive or Timeout.InfiniteTimeSpan.");
        _activation = activation;
        _callback = callback;
        Options = options;
        _period = options.Period;
        activation.AddTimer(this);
        _timer = activation.Services.Time.CreateTimer(static state => ((GrainTimer)state!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(options.DueTime, Timeout.InfiniteTimeSpan);
    }

    public GrainTimerCreationOptions Options { get; }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_timer)
        {
            _period = period;
            if (_ticking)
                _dueAfterTick = dueTime; // applied when the running tick ends, so ticks still never overlap
            else if (!_disposed.IsCancellationRequested)
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    internal Task InvokeCallbackAsync() => _callback(_disposed.Token);

    private async void OnDue()
    {
        lock (_timer)
        {
            if (_ticking || _disposed.IsCancellationRequested)
                return;
            _ticking = true;
        }

        var tick = new TimerTickRequest(this) { DeadlineTimestamp = long.MaxValue };
        try
        {
            if (!_activation.TryEnqueue(tick))
            {
                Dispose();
                return;
            }

            await tick.AsValueTask();
        }
        catch (ObjectDisposedException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogTickFailed(_activation.Services.Logger, exception, _activation.GrainId);
        }
        finally
        {
            lock (_timer)
            {
                _ticking = false;
                var next = _dueAfterTick ?? _period;
                _dueAfterTick = null;
                if (!_disposed.IsCancellationRequested && next != Timeout.InfiniteTimeSpan)
                    _timer.Change(next, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_timer)
        {
            if (_disposed.IsCancellationRequested)
                return;
            _disposed.Cancel();
            _timer.Dispose();
        }

        _activation.RemoveTimer(this);
    }

    [LoggerMessage(EventIds.TimerTickFailed, LogLevel.Error, "A timer tick of grain {GrainId} threw; the timer continues")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, GrainId grainId);
}
