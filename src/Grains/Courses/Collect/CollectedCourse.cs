namespace Actors.Grains.Courses.Collect;

/// <summary>
/// A course's collected block structure for one published version: immutable, shared by every reader of that version.
/// </summary>
/// <param name="CourseKey">The course key.</param>
/// <param name="Version">The published version it was collected from (Open edX's <c>block_structure_version</c>).</param>
/// <param name="RootId">The course block's usage key.</param>
/// <param name="Blocks">Every block, by usage key.</param>
/// <param name="LatestStart">The latest merged start date of any block (for <c>has_scheduled_content</c>).</param>
/// <param name="IsPublic">Whether users who are not enrolled see the navigation (course visibility public or public_outline).</param>
/// <param name="StartTimes">Every distinct merged start date, in order: what a learner sees changes only when the clock
/// passes one of them.</param>
[GenerateSerializer, Immutable, Alias("actors.CollectedCourse")]
public sealed record CollectedCourse(
    string CourseKey,
    long Version,
    string RootId,
    IReadOnlyDictionary<string, CollectedBlock> Blocks,
    DateTimeOffset? LatestStart,
    bool IsPublic,
    IReadOnlyList<DateTimeOffset> StartTimes)
{
    /// <summary>The course block.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public CollectedBlock Root => Blocks[RootId];

    /// <summary>How many start dates have passed at <paramref name="now"/>. Two moments with the same value show every
    /// user the same blocks, so a rendered navigation stays valid while this value does.</summary>
    public int StartedCount(DateTimeOffset now)
    {
        int low = 0, high = StartTimes.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (StartTimes[middle] <= now)
                low = middle + 1;
            else
                high = middle;
        }

        return low;
    }
}
