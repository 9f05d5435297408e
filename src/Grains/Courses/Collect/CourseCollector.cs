using Actors.Grains.Courses.Content;

namespace Actors.Grains.Courses.Collect;

/// <summary>
/// Collect: turns published content into the <see cref="CollectedCourse"/> navigation and progress read, once per
/// published version and never on a request's path. A pure function of its input (so it can run off the grain's turn),
/// linear in the number of blocks. Blocks not reachable from the course root are left out. Throws when a problem's OLX
/// cannot be parsed; the course then keeps its previous structure.
/// </summary>
public static class CourseCollector
{
    private static readonly HashSet<string> AggregatorTypes = ["course", "chapter", "sequential", "vertical", "library_content", "split_test", "conditional"];
    private static readonly HashSet<string> ExcludedTypes = ["discussion"];

    /// <summary>Collects <paramref name="content"/>, published as <paramref name="version"/> of <paramref name="courseKey"/>.</summary>
    public static CollectedCourse Collect(string courseKey, long version, CourseContent content)
    {
        var byId = new Dictionary<string, ContentBlock>(content.Blocks.Count, StringComparer.Ordinal);
        foreach (var block in content.Blocks)
            byId[block.Id] = block;
        var root = content.Blocks.Single(b => b.Type == "course");
        var collected = new Dictionary<string, CollectedBlock>(content.Blocks.Count, StringComparer.Ordinal);
        DateTimeOffset? latestStart = null;
        var startTimes = new SortedSet<DateTimeOffset>();

        int Visit(ContentBlock block, string? parent, int depth, DateTimeOffset? inheritedStart, bool inheritedStaffOnly, DateTimeOffset? inheritedDue, bool inheritedGraded)
        {
            var start = Later(inheritedStart, block.Start);
            var staffOnly = inheritedStaffOnly || block.VisibleToStaffOnly == true;
            var due = block.Due ?? inheritedDue;
            var graded = block.Graded ?? inheritedGraded;
            if (start is { } s)
            {
                startTimes.Add(s);
                if (latestStart is null || s > latestStart)
                    latestStart = s;
            }

            var children = block.Children ?? [];
            var childTypes = new HashSet<string>(StringComparer.Ordinal);
            var gradedProblems = 0;
            foreach (var childId in children)
            {
                var child = byId[childId];
                childTypes.Add(child.Type);
                gradedProblems += Visit(child, block.Id, depth + 1, start, staffOnly, due, graded);
            }

            double? maxScore = block.Type == "problem" ? ProblemScore.MaxScore(block.Data, block.Weight) : null;
            if (graded && maxScore > 0)
                gradedProblems++;

            collected[block.Id] = new CollectedBlock(
                block.Id, block.Type, DisplayNameOf(block, graded, gradedProblems), children, parent, depth, graded, block.Format, due, start,
                staffOnly, block.HideFromToc == true, IconOf(block.Type, graded, gradedProblems, childTypes), CompletionModeOf(block.Type),
                maxScore, gradedProblems);
            return gradedProblems;
        }

        Visit(root, null, 0, null, false, null, false);
        var isPublic = root.Course?.CourseVisibility is "public" or "public_outline";
        return new CollectedCourse(courseKey, version, root.Id, collected, latestStart, isPublic, [.. startTimes]);
    }

    /// <summary>The completion mode of a block type.</summary>
    public static CompletionMode CompletionModeOf(string type) =>
        AggregatorTypes.Contains(type) ? CompletionMode.Aggregator
        : ExcludedTypes.Contains(type) ? CompletionMode.Excluded
        : CompletionMode.Completable;

    private static string DisplayNameOf(ContentBlock block, bool graded, int gradedProblems)
    {
        var name = block.DisplayName ?? block.Type switch
        {
            "chapter" => "Section",
            "sequential" => "Subsection",
            "vertical" => "Unit",
            _ => block.Type,
        };
        return block.Type == "sequential" && graded && gradedProblems > 0
            ? $"{name} ({gradedProblems} {(gradedProblems == 1 ? "Question" : "Questions")})"
            : name;
    }

    private static string? IconOf(string type, bool graded, int gradedProblems, HashSet<string> childTypes) => type switch
    {
        "sequential" => graded && gradedProblems > 0 ? "fa-pencil-square-o" : null,
        "vertical" => childTypes.Contains("problem") ? "problem" : childTypes.Contains("video") ? "video" : "other",
        _ => null,
    };

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
