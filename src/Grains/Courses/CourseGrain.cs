using Actors.Grains.Catalog;
using Actors.Grains.Courses.Collect;
using Actors.Grains.Courses.Content;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Courses;

/// <summary>
/// The course grain. Publishes and deletes are ordinary (exclusive) turns; reads are read-only turns that interleave
/// with each other and with the rebuild loop (<c>CourseGrain.Rebuild.cs</c>), which collects off the grain's turn and
/// swaps the new structure in at once when it is done.
/// </summary>
internal sealed partial class CourseGrain(
    [PersistentState("course-published")] IPersistentState<PublishedCourse> published,
    [PersistentState("course-overview")] IPersistentState<StoredOverview> overview,
    IOptions<CourseOptions> options,
    CourseRebuildTracker tracker,
    TimeProvider time,
    ILogger<CourseGrain> logger) : Grain, ICourseGrain
{
    private readonly CourseOptions _options = options.Value;
    private CollectedCourse? _current;
    private TaskCompletionSource<CollectedCourse> _firstBuild = NewFirstBuild();

    private string CourseKey => this.GetPrimaryKeyString();

    public async Task<PublishResult> PublishAsync(CourseContent content, CancellationToken cancellationToken)
    {
        var problems = CourseContentValidator.Validate(CourseKey, content, _options);
        if (problems.Count > 0)
            throw new CourseContentException(CourseKey, problems);

        // Recorded in the site's course index before the content is stored (a no-op when it is there already), so the
        // catalog sync finds every course that exists here; a failed publish leaves at most a key the sync finds empty.
        await GrainFactory.GetGrain<ICourseIndexGrain>(CatalogSites.Default).AddAsync(CourseKey, cancellationToken);
        var previous = published.State;
        var version = previous.Version + 1;
        published.State = new PublishedCourse { Version = version, Content = content };
        try
        {
            await published.WriteStateAsync(cancellationToken);
        }
        catch
        {
            published.State = previous; // memory stays at the last durable state
            throw;
        }

        _lastPublishTimestamp = time.GetTimestamp();
        ScheduleRebuild();
        await UpdateOverviewAsync(content, version, cancellationToken);
        LogPublished(CourseKey, version, content.Blocks.Count);
        return new PublishResult(CourseKey, version, _current?.Version ?? 0);
    }

    public async Task<bool> DeleteAsync(CancellationToken cancellationToken)
    {
        if (published.State.Content is null && overview.State.Overview is null)
            return false;
        await published.ClearStateAsync(cancellationToken);
        await overview.ClearStateAsync(cancellationToken);
        _generation++;
        _current = null;
        _firstBuild.TrySetException(new CourseNotFoundException(CourseKey));
        _firstBuild = NewFirstBuild();
        tracker.Remove(CourseKey);
        await GrainFactory.GetGrain<ICourseIndexGrain>(CatalogSites.Default).RemoveAsync(CourseKey, cancellationToken);
        LogDeleted(CourseKey);
        DeactivateOnIdle();
        return true;
    }

    public async Task<CatalogApplyOutcome> ApplyCatalogValuesAsync(CatalogValues values, CancellationToken cancellationToken)
    {
        if (overview.State.Overview is not { } current)
        {
            if (published.State.Content is null)
                DeactivateOnIdle(); // activated only to be told: nothing of it stays
            return CatalogApplyOutcome.NotHere;
        }

        var updated = current.WithCatalogValues(values, time.GetUtcNow());
        if (ReferenceEquals(updated, current))
            return CatalogApplyOutcome.Unchanged;
        overview.State = new StoredOverview { Overview = updated };
        try
        {
            await overview.WriteStateAsync(cancellationToken);
        }
        catch
        {
            overview.State = new StoredOverview { Overview = current };
            throw;
        }

        return CatalogApplyOutcome.Updated;
    }

    public Task<CourseOverview?> GetOverviewAsync(CancellationToken cancellationToken) => Task.FromResult(overview.State.Overview);

    public async Task<CollectedCourse> GetStructureAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current)
            return current;
        if (published.State.Content is null)
            throw new CourseNotFoundException(CourseKey);
        // An activation collects on its first read, not when it starts: a catalog sync or an overview read activates
        // courses nobody navigates. Readers that come while that collect runs join it.
        if (!_rebuilding)
            ScheduleRebuild();
        try
        {
            // Cold course: every reader awaits the one rebuild in flight.
            return await _firstBuild.Task.WaitAsync(_options.ColdReadTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new CourseStructureNotReadyException(CourseKey, _options.RebuildRetryDelay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : _options.RebuildRetryDelay);
        }
    }

    public async Task<CollectedCourse?> GetStructureIfChangedAsync(long knownVersion, CancellationToken cancellationToken)
    {
        var structure = await GetStructureAsync(cancellationToken);
        return structure.Version == knownVersion ? null : structure;
    }

    public Task<CourseRebuildStatus> GetRebuildStatusAsync(CancellationToken cancellationToken) => Task.FromResult(Status());

    private async Task UpdateOverviewAsync(CourseContent content, long version, CancellationToken cancellationToken)
    {
        var root = content.Blocks.Single(b => b.Type == "course");
        var org = Keys.CourseKey.Parse(CourseKey).Org; // the content was validated against this key
        overview.State = new StoredOverview
        {
            Overview = CourseOverview.FromPublish(CourseKey, org, root, version, time.GetUtcNow(), overview.State.Overview),
        };
        await overview.WriteStateAsync(cancellationToken);
    }

    private static TaskCompletionSource<CollectedCourse> NewFirstBuild() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The stored published content (grain state <c>course-published</c>).</summary>
[GenerateSerializer, Alias("actors.PublishedCourse")]
internal sealed record PublishedCourse
{
    [Id(0)]
    public long Version { get; init; }

    [Id(1)]
    public CourseContent? Content { get; init; }
}

/// <summary>The stored overview (grain state <c>course-overview</c>).</summary>
[GenerateSerializer, Alias("actors.StoredOverview")]
internal sealed record StoredOverview
{
    [Id(0)]
    public CourseOverview? Overview { get; init; }
}
