using System.Collections.Concurrent;
using Orleans.Providers;

namespace Actors.Grains.Courses;

/// <summary>
/// The rebuild status of every course active on this silo. Operators read every silo's at once through Orleans'
/// management grain (<c>SendControlCommandToProvider&lt;CourseRebuildTracker&gt;(</c><see cref="ServiceKey"/><c>,
/// </c><see cref="SnapshotCommand"/><c>)</c>), which answers one list of <see cref="CourseRebuildStatus"/> per silo.
/// </summary>
public sealed class CourseRebuildTracker : IControllable
{
    /// <summary>The name under which the tracker is registered (as a keyed <see cref="IControllable"/>).</summary>
    public const string ServiceKey = "actors-course-rebuilds";

    /// <summary>The control command that returns this silo's statuses, ordered by course key.</summary>
    public const int SnapshotCommand = 1;

    private readonly ConcurrentDictionary<string, CourseRebuildStatus> _courses = new(StringComparer.Ordinal);

    internal void Update(CourseRebuildStatus status) => _courses[status.CourseKey] = status;

    internal void Remove(string courseKey) => _courses.TryRemove(courseKey, out _);

    /// <summary>The statuses of the courses active on this silo, by course key.</summary>
    public IReadOnlyList<CourseRebuildStatus> Snapshot() => _courses.Values.OrderBy(s => s.CourseKey, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public Task<object?> ExecuteCommand(int command, object? arg) => command == SnapshotCommand
        ? Task.FromResult<object?>(Snapshot())
        : throw new ArgumentOutOfRangeException(nameof(command), command, $"The only command is {SnapshotCommand} (snapshot).");
}
