using Actors.Grains.Keys;

namespace Actors.Grains.Courses.Content;

/// <summary>
/// Checks published content before anything is stored: a block list within the size limits; every id a valid usage key
/// of this course (<see cref="UsageKey.IsIn"/>: <c>i4x://{org}/{course}/…</c> keys for a deprecated <c>{org}/{course}/{run}</c>) whose block type matches <c>type</c>, and unique; exactly one <c>course</c> block; every child present,
/// with at most one parent, never the root; no cycles; nesting within the depth limit. Returns the first problems found
/// (at most <see cref="MaxProblems"/>), each with the JSON path of the offending value.
/// </summary>
public static class CourseContentValidator
{
    /// <summary>The most problems reported at once.</summary>
    public const int MaxProblems = 20;

    /// <summary>The problems of <paramref name="content"/> published for <paramref name="courseKey"/>; empty when valid.</summary>
    public static IReadOnlyList<ContentProblem> Validate(string courseKey, CourseContent? content, CourseOptions options)
    {
        var problems = new List<ContentProblem>();
        void Add(string path, string message)
        {
            if (problems.Count < MaxProblems)
                problems.Add(new ContentProblem(path, message));
        }

        if (content?.Blocks is not { Count: > 0 } blocks)
        {
            Add("blocks", "At least one block (the course) is required.");
            return problems;
        }

        if (blocks.Count > options.MaxBlocks)
        {
            Add("blocks", $"{blocks.Count} blocks is more than the limit of {options.MaxBlocks}.");
            return problems;
        }

        if (!CourseKey.TryParse(courseKey, out var course))
        {
            Add("course_key", $"'{courseKey}' is not a course key.");
            return problems;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
            CheckBlock(course, blocks[i], i, index, options, Add);

        var roots = Enumerable.Range(0, blocks.Count).Where(i => blocks[i]?.Type == "course").ToList();
        if (roots.Count != 1)
            Add("blocks", $"Exactly one block of type 'course' is required; found {roots.Count}.");

        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var children = blocks[i]?.Children ?? [];
            for (var j = 0; j < children.Count; j++)
            {
                var path = $"blocks[{i}].children[{j}]";
                var child = children[j];
                if (child is null || !index.TryGetValue(child, out var childIndex))
                    Add(path, $"Child '{child}' is not among the published blocks.");
                else if (blocks[childIndex].Type == "course")
                    Add(path, "The course block cannot be a child.");
                else if (!parents.TryAdd(child, blocks[i].Id))
                    Add(path, $"Block '{child}' is already a child of '{parents[child]}'; a block has one parent.");
            }
        }

        if (problems.Count == 0 && roots.Count == 1)
            CheckShape(blocks, blocks[roots[0]].Id, index, parents, options, Add);
        return problems;
    }

    private static void CheckBlock(CourseKey courseKey, ContentBlock? block, int i, Dictionary<string, int> index, CourseOptions options, Action<string, string> add)
    {
        var path = $"blocks[{i}]";
        if (block is null)
        {
            add(path, "A block cannot be null.");
            return;
        }

        if (!UsageKey.TryParse(block.Id ?? "", out var usageKey))
            add($"{path}.id", $"'{block.Id}' is not a valid usage key (block-v1:Org+Course+Run+type@T+block@B).");
        else if (!usageKey.IsIn(courseKey))
            add($"{path}.id", $"'{block.Id}' belongs to {usageKey.CourseKey}, not {courseKey}.");
        else if (usageKey.BlockType != block.Type)
            add($"{path}.type", $"Type '{block.Type}' does not match the usage key's block type '{usageKey.BlockType}'.");
        else if (!index.TryAdd(block.Id!, i))
            add($"{path}.id", $"'{block.Id}' appears more than once (first at blocks[{index[block.Id!]}]).");

        if (block.DisplayName?.Length > options.MaxDisplayNameLength)
            add($"{path}.display_name", $"Longer than {options.MaxDisplayNameLength} characters.");
        if (block.Data?.Length > options.MaxProblemLength)
            add($"{path}.data", $"Longer than {options.MaxProblemLength} characters.");
        if (block.Weight is < 0 or double.NaN or double.PositiveInfinity)
            add($"{path}.weight", "Must be a finite number, 0 or more.");
        if (block.Points is < 0 or double.NaN or double.PositiveInfinity)
            add($"{path}.points", "Must be a finite number, 0 or more.");
    }

    // Only when every reference is valid: blocks not reachable from the root may not form cycles, and nesting is bounded.
    private static void CheckShape(IReadOnlyList<ContentBlock> blocks, string rootId, Dictionary<string, int> index,
        Dictionary<string, string> parents, CourseOptions options, Action<string, string> add)
    {
        foreach (var block in blocks)
        {
            var depth = 0;
            for (var id = block.Id; parents.TryGetValue(id, out var parent); id = parent)
            {
                if (++depth > options.MaxDepth || parent == block.Id)
                {
                    add($"blocks[{index[block.Id]}]", parent == block.Id
                        ? $"Block '{block.Id}' is its own ancestor (a cycle)."
                        : $"Block '{block.Id}' is nested deeper than the limit of {options.MaxDepth} below the course.");
                    return;
                }
            }
        }
    }
}
