using Actors.Grains.Courses;
using Actors.Grains.Keys;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Catalog;

// A run. It is a task on the grain's scheduler started by Start, not a request: the reminder tick and the start request
// return at once, and status reads are served between its steps. Page fetches run on the thread pool; while page n is
// applied, page n+1 is already being fetched (Catalog:PagesAhead). Applying a page tells each course here its values,
// a bounded number at a time. Any failure (a page that cannot be had, a course call that throws) stops the run; what
// was applied stays, and the next tick or a manual run starts again from page 1.
internal sealed partial class CatalogSyncGrain
{
    private RunProgress? _current;
    private Task? _runTask;

    private CatalogSyncStart Start(CatalogSyncTrigger trigger)
    {
        if (_current is { } running)
        {
            LogRunJoined(Site, running.Id, trigger);
            return new CatalogSyncStart(CatalogSyncStartOutcome.Joined, running.Snapshot(time));
        }

        var run = new RunProgress(++state.State.LastRunId, trigger, silo.Name, time.GetUtcNow(), time.GetTimestamp());
        _current = run;
        _runTask = RunAsync(run);
        return new CatalogSyncStart(CatalogSyncStartOutcome.Started, run.Snapshot(time));
    }

    private async Task RunAsync(RunProgress run)
    {
        await Task.Yield(); // the starting request answers first
        var settings = options.CurrentValue;
        Task<CatalogPage>? next = null;
        using var fetches = CancellationTokenSource.CreateLinkedTokenSource(run.Stop.Token);
        try
        {
            DelayDeactivation(KeepAlive);
            await RecordAsync(run.Snapshot(time), CancellationToken.None);
            LogRunStarted(Site, run.Id, run.Trigger, silo.Name, settings.ApiUrl!, settings.PageSize);
            var lookup = new CourseLookup(await GrainFactory.GetGrain<ICourseIndexGrain>(Site).GetCoursesAsync(run.Stop.Token));

            next = Fetch(1, fetches.Token);
            for (var number = 1; next is not null; number++)
            {
                var page = await next;
                next = null;
                if (page.HasNext && number >= settings.MaxPages)
                    throw new InvalidOperationException($"the catalog has more than {settings.MaxPages} pages (Catalog:MaxPages)");
                if (page.HasNext && settings.PagesAhead > 0)
                    next = Fetch(number + 1, fetches.Token);

                DelayDeactivation(KeepAlive);
                await ApplyAsync(run, page, lookup, settings, run.Stop.Token);
                run.Pages++;
                LogPageApplied(Site, run.Id, number, page.Runs.Count, run.FoundInCatalog, run.Matched, run.Updated, run.Skipped);

                if (page.HasNext && next is null)
                    next = Fetch(number + 1, fetches.Token);
            }

            run.Finish(CatalogSyncRunState.Succeeded, null);
        }
        catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
        {
            run.Finish(CatalogSyncRunState.Interrupted, "the silo running it stopped");
        }
        catch (Exception exception)
        {
            run.Failures++;
            run.Finish(CatalogSyncRunState.Failed, exception is CatalogPageException page ? page.Message : $"{exception.GetType().Name}: {exception.Message}");
            LogRunFailed(exception, Site, run.Id, run.Pages, run.Error!);
        }
        finally
        {
            if (next is not null)
            {
                await fetches.CancelAsync();
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            }
        }

        var finished = run.Snapshot(time);
        LogRunEnded(Site, finished.Id, finished.State, finished.Duration.TotalSeconds, finished.Pages, finished.FoundInCatalog, finished.Matched,
            finished.NotFound, finished.Updated, finished.Skipped, finished.Failures, finished.ApplyDuration.TotalSeconds);
        try
        {
            await RecordAsync(finished, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogStateWriteFailed(exception, Site, finished.Id);
        }
        finally
        {
            _current = null;
            _runTask = null;
            DelayDeactivation(TimeSpan.Zero);
            run.Stop.Dispose();
        }
    }

    /// <summary>Longest an idle activation is kept between steps of a run (a page stuck in retries takes minutes).</summary>
    private static TimeSpan KeepAlive => TimeSpan.FromMinutes(30);

    private Task<CatalogPage> Fetch(int page, CancellationToken cancellationToken) =>
        Task.Run(() => discovery.GetPageAsync(page, cancellationToken), cancellationToken);

    /// <summary>Tells each course here the values of its catalog row (CCX courses here their parent's marketing URL)
    /// and counts what happened.</summary>
    private async Task ApplyAsync(RunProgress run, CatalogPage page, CourseLookup lookup, CatalogOptions settings, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        run.Skipped += page.UnreadableRows;
        run.FoundInCatalog += page.Runs.Count + page.UnreadableRows;
        var targets = new List<(int Row, string Course, CatalogValues Values)>();
        var parsedRows = 0;
        for (var row = 0; row < page.Runs.Count; row++)
        {
            var entry = page.Runs[row];
            if (!CourseKey.TryParse(entry.Key, out var key))
            {
                run.Skipped++;
                LogUnparsableKey(Site, run.Id, entry.Key ?? "(no key)", page.Url);
                continue;
            }

            parsedRows++;
            var text = key.ToString();
            if (lookup.Contains(text))
                targets.Add((row, text, key.IsCcx ? entry.Values.WithoutMarketingUrl() : entry.Values));
            if (!key.IsCcx)
            {
                foreach (var ccx in lookup.CcxOf(text))
                    targets.Add((row, ccx, entry.Values.MarketingUrlOnly()));
            }
        }

        using var gate = new SemaphoreSlim(Math.Max(1, settings.ApplyConcurrency));
        var outcomes = await Task.WhenAll(targets.Select(async target =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await GrainFactory.GetGrain<ICourseGrain>(target.Course).ApplyCatalogValuesAsync(target.Values, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        var matchedRows = new HashSet<int>();
        for (var i = 0; i < targets.Count; i++)
        {
            if (outcomes[i] != CatalogApplyOutcome.NotHere)
                matchedRows.Add(targets[i].Row);
            if (outcomes[i] == CatalogApplyOutcome.Updated)
                run.Updated++;
        }

        run.Matched += matchedRows.Count;
        run.NotFound += parsedRows - matchedRows.Count;
        run.ApplyTicks += time.GetElapsedTime(started).Ticks;
    }

    /// <summary>Puts <paramref name="run"/> at the head of the recent runs (replacing its earlier record) and writes.</summary>
    private Task RecordAsync(CatalogSyncRun run, CancellationToken cancellationToken)
    {
        var keep = Math.Max(1, options.CurrentValue.RecentRuns);
        state.State.Runs = [run, .. state.State.Runs.Where(r => r.Id != run.Id).Take(keep - 1)];
        return WriteStateAsync(cancellationToken);
    }

    /// <summary>A run's counters while it goes (touched only on the grain's scheduler).</summary>
    private sealed class RunProgress(long id, CatalogSyncTrigger trigger, string silo, DateTimeOffset started, long startedTimestamp)
    {
        public long Id { get; } = id;
        public CatalogSyncTrigger Trigger { get; } = trigger;
        public CancellationTokenSource Stop { get; } = new();
        public int Pages { get; set; }
        public int FoundInCatalog { get; set; }
        public int Matched { get; set; }
        public int NotFound { get; set; }
        public int Updated { get; set; }
        public int Skipped { get; set; }
        public int Failures { get; set; }
        public long ApplyTicks { get; set; }
        public CatalogSyncRunState State { get; private set; } = CatalogSyncRunState.Running;
        public string? Error { get; private set; }
        private TimeSpan? _duration;
        private DateTimeOffset? _finished;

        public void Finish(CatalogSyncRunState state, string? error)
        {
            State = state;
            Error = error;
        }

        public CatalogSyncRun Snapshot(TimeProvider time)
        {
            if (State != CatalogSyncRunState.Running && _duration is null)
            {
                _duration = time.GetElapsedTime(startedTimestamp);
                _finished = time.GetUtcNow();
            }

            return new CatalogSyncRun(Id, Trigger, silo, State, started, _finished, _duration ?? time.GetElapsedTime(startedTimestamp),
                TimeSpan.FromTicks(ApplyTicks), Pages, FoundInCatalog, Matched, NotFound, Updated, Skipped, Failures, Error);
        }
    }
}
