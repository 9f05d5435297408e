using System.Collections.Concurrent;
using Actors.Runtime.Diagnostics;

namespace Actors.Grains.Courses;

/// <summary>
/// The rebuild status of every course active on this silo, reported in the silo's statistics under
/// <c>courseRebuilds</c> (so the management interface and the dashboard see rebuild counts, durations, version lag and
/// the last error).
/// </summary>
internal sealed class CourseRebuildTracker : ISiloDetailsContributor
{
    private readonly ConcurrentDictionary<string, CourseRebuildStatus> _courses = new(StringComparer.Ordinal);

    public string Name => "courseRebuilds";

    public void Update(CourseRebuildStatus status) => _courses[status.CourseKey] = status;

    public void Remove(string courseKey) => _courses.TryRemove(courseKey, out _);

    public object Collect() => _courses.Values.OrderBy(s => s.CourseKey, StringComparer.Ordinal).ToList();
}
