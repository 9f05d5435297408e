using Actors.Grains.Courses.Collect;

namespace Actors.Api.Positions;

/// <summary>A course's collected structure as one user sees it, for positions and completion reads: Open edX's
/// <c>get_children()</c> of a block bound to a user leaves out what the user may not load — for learners, staff-only
/// blocks and blocks not started yet (the navigation's rule); staff see everything.</summary>
internal sealed class LearnerTree(CollectedCourse course, bool isStaff, DateTimeOffset now)
{
    /// <summary>The block types that keep a <c>position</c> (Open edX's <c>SequenceBlock</c> and its course and section
    /// subclasses); other parents (a vertical, say) have none, so walking up the tree skips them.</summary>
    public static readonly IReadOnlySet<string> PositionTypes = new HashSet<string>(StringComparer.Ordinal) { "course", "chapter", "sequential" };

    public CollectedCourse Course => course;

    public CollectedBlock Root => course.Root;

    public CollectedBlock? Find(string usageKey) => course.Blocks.GetValueOrDefault(usageKey);

    public bool IsVisible(CollectedBlock block) => isStaff || (!block.VisibleToStaffOnly && (block.Start is null || block.Start <= now));

    /// <summary>The children the user sees, in order.</summary>
    public IReadOnlyList<CollectedBlock> Children(CollectedBlock block) =>
        block.Children.Select(Find).OfType<CollectedBlock>().Where(IsVisible).ToList();

    /// <summary>The parent, or null for the root.</summary>
    public CollectedBlock? Parent(CollectedBlock block) => block.Parent is null ? null : Find(block.Parent);

    /// <summary>Open edX's <c>has_children_at_depth</c>: depth 0 — the block has children; deeper — some child has
    /// children at one less.</summary>
    public bool HasChildrenAtDepth(CollectedBlock block, int depth) =>
        depth == 0 ? Children(block).Count > 0 : Children(block).Any(c => HasChildrenAtDepth(c, depth - 1));

    /// <summary>Open edX's <c>get_completable_children</c>: completable blocks stand for themselves, aggregators for
    /// their completable descendants, excluded blocks (discussion) for nothing.</summary>
    public IEnumerable<CollectedBlock> CompletableDescendants(CollectedBlock block) => block.CompletionMode switch
    {
        CompletionMode.Completable => [block],
        CompletionMode.Aggregator => Children(block).SelectMany(CompletableDescendants),
        _ => [],
    };
}
