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
public sealed record CollectedCourse(
    string CourseKey,
    long Version,
    string RootId,
    IReadOnlyDictionary<string, CollectedBlock> Blocks,
    DateTimeOffset? LatestStart,
    bool IsPublic)
{
    /// <summary>The course block.</summary>
    public CollectedBlock Root => Blocks[RootId];
}
