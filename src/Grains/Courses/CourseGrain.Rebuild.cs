using Actors.Grains.Courses.Collect;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Courses;

// The rebuild loop. At most one runs per course (single-flight); publishes that arrive while it collects only set
// _rebuildRequested, so however many there are, the loop collects once more, for the newest version (coalesced).
// Before collecting it waits until no publish has come for RebuildSettleTime (at most MaxRebuildSettleTime), so a
// burst of publishes is collected once.
// Collect runs on the thread pool, off the grain's turn, so reads keep being served from the previous structure;
// everything else here runs on the grain's turn, so the swap of _current is atomic for readers. A failed collect keeps
// the previous structure and is retried with doubling back-off.
internal sealed partial class CourseGrain
{
    private bool _rebuildRequested;
    private long _lastPublishTimestamp;
    private bool _rebuilding;
    private int _generation;
    private int _rebuilds;
    private int _failedRebuilds;
    private TimeSpan? _lastRebuildDuration;
    private string? _lastError;

    private void ScheduleRebuild()
    {
        _rebuildRequested = true;
        if (_rebuilding)
            return;
        _rebuilding = true;
        _ = RunRebuildLoopAsync();
        tracker.Update(Status());
    }

    private async Task RunRebuildLoopAsync()
    {
        var retryDelay = _options.RebuildRetryDelay;
        try
        {
            while (_rebuildRequested)
            {
                await SettleAsync();
                _rebuildRequested = false;
                var generation = _generation;
                var target = published.State;
                if (target.Content is null)
                    break;

                var started = time.GetTimestamp();
                try
                {
                    var collected = await Task.Run(() => CourseCollector.Collect(CourseKey, target.Version, target.Content));
                    if (generation != _generation)
                        continue; // the course was deleted meanwhile
                    if (_current is null || collected.Version > _current.Version)
                        _current = collected;
                    _rebuilds++;
                    _lastRebuildDuration = time.GetElapsedTime(started);
                    _lastError = null;
                    retryDelay = _options.RebuildRetryDelay;
                    _firstBuild.TrySetResult(_current);
                    LogRebuilt(CourseKey, collected.Version, collected.Blocks.Count, _lastRebuildDuration.Value.TotalMilliseconds);
                }
                catch (Exception exception)
                {
                    _failedRebuilds++;
                    _lastError = $"{exception.GetType().Name}: {exception.Message}";
                    LogRebuildFailed(exception, CourseKey, target.Version, _current?.Version ?? 0, retryDelay);
                    tracker.Update(Status());
                    await Task.Delay(retryDelay, time);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _options.MaxRebuildRetryDelay.Ticks));
                    _rebuildRequested = true;
                }

                tracker.Update(Status());
            }
        }
        finally
        {
            _rebuilding = false;
            tracker.Update(Status());
        }
    }

    private async Task SettleAsync()
    {
        var waitingSince = time.GetTimestamp();
        while (true)
        {
            var quiet = _lastPublishTimestamp == 0 ? TimeSpan.MaxValue : time.GetElapsedTime(_lastPublishTimestamp);
            var remaining = _options.RebuildSettleTime - quiet;
            if (remaining <= TimeSpan.Zero || time.GetElapsedTime(waitingSince) >= _options.MaxRebuildSettleTime)
                return;
            await Task.Delay(remaining, time);
        }
    }

    private CourseRebuildStatus Status() => new(
        CourseKey, published.State.Version, _current?.Version ?? 0, _rebuilds, _failedRebuilds, _lastRebuildDuration, _rebuilding, _lastError);

    [LoggerMessage(6000, LogLevel.Information, "Course {CourseKey}: published version {Version} ({Blocks} blocks); rebuild scheduled")]
    private partial void LogPublished(string courseKey, long version, int blocks);

    [LoggerMessage(6001, LogLevel.Information, "Course {CourseKey}: structure version {Version} collected ({Blocks} blocks) in {Milliseconds:0.0} ms")]
    private partial void LogRebuilt(string courseKey, long version, int blocks, double milliseconds);

    [LoggerMessage(6002, LogLevel.Error, "Course {CourseKey}: collecting version {Version} failed; readers keep version {ServedVersion}; retrying in {RetryIn}")]
    private partial void LogRebuildFailed(Exception exception, string courseKey, long version, long servedVersion, TimeSpan retryIn);

    [LoggerMessage(6003, LogLevel.Information, "Course {CourseKey}: deleted")]
    private partial void LogDeleted(string courseKey);
}
