using Actors.Grains.Catalog;
using Actors.Grains.Courses.Collect;
using Actors.Grains.Courses.Content;
using Orleans.Concurrency;

namespace Actors.Grains.Courses;

/// <summary>
/// One course (key: the course key). Owns the published content, the course overview and the collected block
/// structure. A publish stores the content as the next version and schedules a rebuild; it never collects on the
/// caller's path. Readers always get the current collected structure, whose version moves only when a rebuild finishes.
/// </summary>
[Alias("actors.ICourseGrain")]
public interface ICourseGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores <paramref name="content"/> as the next published version, updates the overview, and
    /// schedules a rebuild. Throws <see cref="CourseContentException"/> (nothing stored) when the content is invalid.</summary>
    [Alias("Publish")]
    Task<PublishResult> PublishAsync(CourseContent content, CancellationToken cancellationToken = default);

    /// <summary>Deletes the course: its content, structure and overview. False if there was nothing to delete.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the catalog's <paramref name="values"/> (marketing URL, financial-aid eligibility, language) in the
    /// overview when any differs. A course that is not published here stores nothing and deactivates when idle.</summary>
    [Alias("ApplyCatalogValues")]
    Task<CatalogApplyOutcome> ApplyCatalogValuesAsync(CatalogValues values, CancellationToken cancellationToken = default);

    /// <summary>The course overview, or null if the course was never published.</summary>
    [ReadOnly]
    [Alias("GetOverview")]
    Task<CourseOverview?> GetOverviewAsync(CancellationToken cancellationToken = default);

    /// <summary>The current collected structure. On a course not collected yet (just activated, say), waits for the one
    /// rebuild in flight, up to <see cref="CourseOptions.ColdReadTimeout"/>, then throws
    /// <see cref="CourseStructureNotReadyException"/>. Throws <see cref="CourseNotFoundException"/> for an unpublished course.</summary>
    [ReadOnly]
    [Alias("GetStructure")]
    Task<CollectedCourse> GetStructureAsync(CancellationToken cancellationToken = default);

    /// <summary>As <see cref="GetStructureAsync"/>, but null when the current structure's version is
    /// <paramref name="knownVersion"/>: a caller in another process that keeps the structure it got last time asks with
    /// its version and receives the whole structure only when it changed.</summary>
    [ReadOnly]
    [Alias("GetStructureIfChanged")]
    Task<CollectedCourse?> GetStructureIfChangedAsync(long knownVersion, CancellationToken cancellationToken = default);

    /// <summary>Rebuild bookkeeping, for operators and the dashboard.</summary>
    [ReadOnly]
    [Alias("GetRebuildStatus")]
    Task<CourseRebuildStatus> GetRebuildStatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>The answer to a publish.</summary>
/// <param name="CourseKey">The course.</param>
/// <param name="PublishedVersion">The version the content was stored as.</param>
/// <param name="StructureVersion">The version readers get now (the rebuild for the new one runs in the background).</param>
[GenerateSerializer, Immutable, Alias("actors.PublishResult")]
public sealed record PublishResult(string CourseKey, long PublishedVersion, long StructureVersion);

/// <summary>A course's rebuild bookkeeping.</summary>
/// <param name="CourseKey">The course.</param>
/// <param name="PublishedVersion">The newest published version.</param>
/// <param name="StructureVersion">The version of the structure readers get (0 when none yet).</param>
/// <param name="Rebuilds">Collects finished (successfully) by this activation.</param>
/// <param name="FailedRebuilds">Collects that failed.</param>
/// <param name="LastRebuildDuration">How long the last successful collect took.</param>
/// <param name="Rebuilding">Whether a collect is running now.</param>
/// <param name="LastError">The last collect failure, if the newest version is not collected yet.</param>
[GenerateSerializer, Immutable, Alias("actors.CourseRebuildStatus")]
public sealed record CourseRebuildStatus(
    string CourseKey,
    long PublishedVersion,
    long StructureVersion,
    int Rebuilds,
    int FailedRebuilds,
    TimeSpan? LastRebuildDuration,
    bool Rebuilding,
    string? LastError)
{
    /// <summary>How many published versions readers are behind.</summary>
    public long VersionLag => PublishedVersion - StructureVersion;
}
