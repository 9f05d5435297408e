using Actors.Grains.Courses.Collect;

namespace Actors.Api.Positions;

/// <summary>
/// Open edX's mobile <c>UserCourseStatus</c> over a user's view of a course (<see cref="LearnerTree"/>):
/// <list type="bullet">
/// <item><see cref="LastVisitedPath"/> — <c>_last_visited_module_path</c>: from the course block follow the stored
/// positions (<c>get_current_child</c>) to a chapter with content two levels down and a sequence with content, falling
/// back to the first such child when a position is missing or points nowhere; the path is deepest first.</item>
/// <item><see cref="PositionsUp"/> — <c>save_positions_recursively_up</c>: from a block up to the course, each parent that
/// keeps a position gets the 1-based index of the child on the path.</item>
/// </list>
/// </summary>
internal static class CourseStatus
{
    /// <summary>The blocks whose positions <see cref="LastVisitedPath"/> may read: the course and its chapters.</summary>
    public static IReadOnlyList<string> PathPositionKeys(LearnerTree tree) => [tree.Root.Id, .. tree.Children(tree.Root).Select(c => c.Id)];

    /// <summary>The usage keys of the last visited sequence, its chapter and the course (deepest first; shorter when the
    /// course has no chapter or sequence with content).</summary>
    public static IReadOnlyList<string> LastVisitedPath(LearnerTree tree, IReadOnlyDictionary<string, int> positions)
    {
        List<CollectedBlock> path = [tree.Root];
        if (CurrentChild(tree, tree.Root, minDepth: 2, positions) is { } chapter)
        {
            path.Add(chapter);
            if (CurrentChild(tree, chapter, minDepth: 1, positions) is { } sequence)
                path.Add(sequence);
        }

        path.Reverse();
        return path.Select(b => b.Id).ToList();
    }

    /// <summary>The positions to store when the user visits <paramref name="block"/>: parent usage key → 1-based index
    /// of the child on the path among the children the user sees.</summary>
    public static Dictionary<string, int> PositionsUp(LearnerTree tree, CollectedBlock block)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var current = block; tree.Parent(current) is { } parent; current = parent)
        {
            if (!LearnerTree.PositionTypes.Contains(parent.Type))
                continue;
            var index = tree.Children(parent).Select(c => c.Id).ToList().IndexOf(current.Id);
            if (index >= 0)
                positions[parent.Id] = index + 1;
        }

        return positions;
    }

    // Open edX's get_current_child(block, min_depth): the child at the block's position if it has children min_depth - 1
    // levels down, else the first child that does.
    private static CollectedBlock? CurrentChild(LearnerTree tree, CollectedBlock block, int minDepth, IReadOnlyDictionary<string, int> positions)
    {
        var children = tree.Children(block);
        if (positions.TryGetValue(block.Id, out var position) && position >= 1 && position <= children.Count
            && tree.HasChildrenAtDepth(children[position - 1], minDepth - 1))
            return children[position - 1];
        return children.FirstOrDefault(c => tree.HasChildrenAtDepth(c, minDepth - 1));
    }
}
