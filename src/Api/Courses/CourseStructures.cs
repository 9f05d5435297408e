using System.Collections.Concurrent;
using Actors.Grains.Courses;
using Actors.Grains.Courses.Collect;
using Microsoft.Extensions.Options;

namespace Actors.Api.Courses;

/// <summary>Course structures kept by an API process. Section <c>Api:CourseStructures</c>.</summary>
public sealed class CourseStructuresOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:CourseStructures";

    /// <summary>How many courses' structures to keep; beyond it the least recently added are dropped (and fetched again
    /// whole on their next read). Default 1,000.</summary>
    public int MaxCourses { get; set; } = 1000;
}

/// <summary>
/// The latest collected structure of each course this process has served. Every read still asks the course grain,
/// so it is never stale, but with the version it holds (<see cref="ICourseGrain.GetStructureIfChangedAsync"/>): when
/// the API is a cluster client, a structure crosses the network only when it changed, not on every navigation request.
/// </summary>
internal sealed class CourseStructures(IGrainFactory grains, IOptions<CourseStructuresOptions> options)
{
    private readonly ConcurrentDictionary<string, CollectedCourse> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _insertionOrder = new();
    private readonly int _maxCourses = options.Value.MaxCourses;

    public async Task<CollectedCourse> GetAsync(string courseKey, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<ICourseGrain>(courseKey);
        CollectedCourse? current;
        try
        {
            current = _latest.TryGetValue(courseKey, out var known)
                ? await grain.GetStructureIfChangedAsync(known.Version, cancellationToken) ?? known
                : await grain.GetStructureAsync(cancellationToken);
        }
        catch (CourseNotFoundException)
        {
            _latest.TryRemove(courseKey, out _);
            throw;
        }

        Remember(courseKey, current);
        return current;
    }

    private void Remember(string courseKey, CollectedCourse structure)
    {
        // The grain's answer is authoritative (a deleted and republished course may start its versions again), and a
        // racing request that stores an older one costs only one whole transfer on the next read.
        if (_latest.TryGetValue(courseKey, out var existing) && ReferenceEquals(existing, structure))
            return;
        if (_latest.TryAdd(courseKey, structure))
            _insertionOrder.Enqueue(courseKey);
        else
            _latest[courseKey] = structure;
        while (_latest.Count > _maxCourses && _insertionOrder.TryDequeue(out var oldest))
            _latest.TryRemove(oldest, out _);
    }
}
