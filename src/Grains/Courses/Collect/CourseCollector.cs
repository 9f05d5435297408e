using Actors.Grains.Courses.Content;

namespace Actors.Grains.Courses.Collect;

/// <summary>
/// Collect: turns published content into the <see cref="CollectedCourse"/> navigation and progress read, once per
/// published version and never on a request's path. A pure function of its input (so it can run off the grain's turn),
/// linear in the number of blocks. Blocks not reachable from the course root are left out. Max scores of scored blocks
/// (<see cref="ScoredBlocks"/>) are computed here, once per version — progress never computes them. Throws when a
/// problem's or ORA's OLX cannot be parsed; the course then keeps its previous structure.
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

        // Returns (navigation's question count, whether any block at or beneath is scored).
        (int Questions, bool Scored) Visit(ContentBlock block, string? parent, int depth, DateTimeOffset? inheritedStart, bool inheritedStaffOnly,
            DateTimeOffset? inheritedDue, bool inheritedGraded)
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
            var questions = 0;
            var scoredBeneath = false;
            foreach (var childId in children)
            {
                var child = byId[childId];
                childTypes.Add(child.Type);
                var (childQuestions, childScored) = Visit(child, block.Id, depth + 1, start, staffOnly, due, graded);
                questions += childQuestions;
                scoredBeneath |= childScored;
            }

            var isScored = ScoredBlocks.IsScored(block);
            double? maxScore = isScored ? ScoredBlocks.WeightedPossible(ScoredBlocks.RawPossible(block), block.Weight) : null;
            if (graded && ScoredBlocks.IsCountedQuestion(block))
                questions++;
            scoredBeneath |= isScored;

            var name = NameOf(block);
            collected[block.Id] = new CollectedBlock(
                block.Id, block.Type, DisplayNameOf(block.Type, name, graded, questions), children, parent, depth, graded, block.Format, due, start,
                staffOnly, block.HideFromToc == true, IconOf(block.Type, graded, scoredBeneath, childTypes), CompletionModeOf(block.Type),
                maxScore, questions, isScored ? block.Weight : null, name);
            return (questions, scoredBeneath);
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

    private static string NameOf(ContentBlock block) => block.DisplayName ?? block.Type switch
    {
        "chapter" => "Section",
        "sequential" => "Subsection",
        "vertical" => "Unit",
        _ => block.Type,
    };

    private static string DisplayNameOf(string type, string name, bool graded, int questions) =>
        type == "sequential" && graded && questions > 0
            ? $"{name} ({questions} {(questions == 1 ? "Question" : "Questions")})"
            : name;

    // Open edX: a graded sequential gets the pencil icon when it is "scored" (some block beneath has a score, LTI too).
    private static string? IconOf(string type, bool graded, bool scored, HashSet<string> childTypes) => type switch
    {
        "sequential" => graded && scored ? "fa-pencil-square-o" : null,
        "vertical" => childTypes.Contains("problem") ? "problem" : childTypes.Contains("video") ? "video" : "other",
        _ => null,
    };

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
