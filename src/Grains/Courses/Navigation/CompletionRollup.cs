using Actors.Grains.Courses.Collect;
using Actors.Grains.Students;

namespace Actors.Grains.Courses.Navigation;

/// <summary>
/// A learner's completion of the visible part of a course, rolled up the tree with Open edX's rules
/// (openedx.md §a.2 step 3):
/// <list type="bullet">
/// <item>An aggregator (course, chapter, sequential, vertical, ...) is complete when all its completable children are
/// (aggregators count as completable; an empty container is complete). A completable block is complete when its
/// completion is not 0. Excluded blocks (discussion) take no part.</item>
/// <item><c>completion_stat</c>: for the course and a sequential, completed children over completable children; for a
/// chapter, the sums of its children's figures (so it counts units); for a vertical, the sum of its children's
/// completion values (fractions possible) over its completable children.</item>
/// <item><c>resume_block</c>: the block completed most recently, and its ancestors.</item>
/// </list>
/// </summary>
public sealed class CompletionRollup
{
    private readonly Dictionary<string, (bool Complete, double Value, double Completion, int Completable)> _results = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resume = new(StringComparer.Ordinal);

    private CompletionRollup()
    {
    }

    /// <summary>Rolls up <paramref name="completion"/> (null: nothing completed) over the blocks <paramref name="isVisible"/> keeps.</summary>
    public static CompletionRollup Compute(CollectedCourse course, CourseCompletion? completion, Func<CollectedBlock, bool> isVisible)
    {
        var rollup = new CompletionRollup();
        rollup.Visit(course, course.Root, completion, isVisible);
        var latest = completion?.Blocks.Values
            .Where(b => b.Completion > 0 && course.Blocks.ContainsKey(b.BlockKey) && rollup._results.ContainsKey(b.BlockKey))
            .MaxBy(b => b.Modified);
        for (var id = latest?.BlockKey; id is not null; id = course.Blocks[id].Parent)
            rollup._resume.Add(id);
        return rollup;
    }

    /// <summary>Whether the block is complete (false for blocks outside completion).</summary>
    public bool IsComplete(string id) => _results.TryGetValue(id, out var result) && result.Complete;

    /// <summary>The block's <c>completion_stat</c> ((0, 0) for blocks outside completion).</summary>
    public (double Completion, int CompletableChildren) StatOf(string id) =>
        _results.TryGetValue(id, out var result) ? (result.Completion, result.Completable) : (0, 0);

    /// <summary>Whether the block is on the path to the most recently completed block.</summary>
    public bool IsResumeBlock(string id) => _resume.Contains(id);

    private (bool Complete, double Value, double Completion, int Completable) Visit(
        CollectedCourse course, CollectedBlock block, CourseCompletion? completion, Func<CollectedBlock, bool> isVisible)
    {
        (bool, double, double, int) result;
        if (block.CompletionMode != CompletionMode.Aggregator)
        {
            var value = completion?.Blocks.GetValueOrDefault(block.Id)?.Completion ?? 0;
            result = (value != 0, value, value, 1);
        }
        else
        {
            var children = block.Children.Select(id => course.Blocks[id])
                .Where(child => child.CompletionMode != CompletionMode.Excluded && isVisible(child))
                .Select(child => Visit(course, child, completion, isVisible))
                .ToList();
            var complete = children.All(c => c.Complete);
            var (statCompletion, statCompletable) = block.Type switch
            {
                "chapter" => (children.Sum(c => c.Completion), children.Sum(c => c.Completable)),
                "vertical" => (children.Sum(c => c.Value), children.Count),
                _ => ((double)children.Count(c => c.Complete), children.Count),
            };
            result = (complete, complete ? 1 : 0, statCompletion, statCompletable);
        }

        _results[block.Id] = result;
        return result;
    }
}
