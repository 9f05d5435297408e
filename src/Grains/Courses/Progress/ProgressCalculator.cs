using Actors.Grains.Courses.Collect;
using Actors.Grains.Students.State;

namespace Actors.Grains.Courses.Progress;

/// <summary>
/// Computes a learner's <see cref="CourseProgress"/> from the course's current collected structure and the learner's
/// stored scores. A scored block's points: the learner's <c>grade</c> out of <c>max_grade</c> when they have a score for
/// it (weighted by the block's <c>weight</c>), otherwise 0 out of the max score collected for that structure version —
/// never computed here (the MaxScoresCache idea: keyed by version, so never stale after a publish). Learners do not see
/// staff-only blocks or blocks that have not started; staff see everything. Linear in the number of blocks.
/// </summary>
public static class ProgressCalculator
{
    /// <summary>The progress of <paramref name="username"/> in <paramref name="course"/>.</summary>
    public static CourseProgress Compute(CollectedCourse course, string username, string? enrollmentMode,
        IReadOnlyDictionary<string, BlockScore> scores, bool isStaff, DateTimeOffset now)
    {
        bool IsVisible(CollectedBlock block) => isStaff || (!block.VisibleToStaffOnly && (block.Start is null || block.Start <= now));

        var sections = new List<SectionScores>();
        double gradedEarned = 0, gradedPossible = 0, allEarned = 0, allPossible = 0;
        foreach (var chapter in Children(course, course.Root).Where(b => b.Type == "chapter" && IsVisible(b)))
        {
            var subsections = new List<SubsectionScores>();
            foreach (var sequential in Children(course, chapter).Where(b => b.Type == "sequential" && IsVisible(b)))
            {
                var problems = new List<ProblemScores>();
                double earned = 0, possible = 0;
                foreach (var block in ScoredBeneath(course, sequential, IsVisible))
                {
                    var score = ScoreOf(block, scores);
                    problems.Add(score);
                    allEarned += score.Earned;
                    allPossible += score.Possible;
                    if (!block.Graded)
                        continue;
                    earned += score.Earned;
                    possible += score.Possible;
                }

                gradedEarned += earned;
                gradedPossible += possible;
                subsections.Add(new SubsectionScores(sequential.Format, sequential.Id, sequential.Name, sequential.Graded,
                    earned, possible, Percent(earned, possible), problems));
            }

            sections.Add(new SectionScores(chapter.Name, subsections));
        }

        return new CourseProgress(username, enrollmentMode, course.LatestStart > now, sections,
            new CourseTotals(gradedEarned, gradedPossible, Percent(gradedEarned, gradedPossible), allEarned, allPossible));
    }

    private static ProblemScores ScoreOf(CollectedBlock block, IReadOnlyDictionary<string, BlockScore> scores)
    {
        if (scores.TryGetValue(block.Id, out var learner))
        {
            var (earned, possible) = ScoredBlocks.Weighted(learner.Grade, learner.MaxGrade, block.Weight);
            return new ProblemScores(earned, possible);
        }

        return new ProblemScores(0, block.MaxScore!.Value);
    }

    private static IEnumerable<CollectedBlock> Children(CollectedCourse course, CollectedBlock block) =>
        block.Children.Select(id => course.Blocks[id]);

    // Scored blocks beneath (depth first, in course order); a hidden container hides what it holds.
    private static IEnumerable<CollectedBlock> ScoredBeneath(CollectedCourse course, CollectedBlock root, Func<CollectedBlock, bool> isVisible)
    {
        var stack = new Stack<CollectedBlock>();
        for (var i = root.Children.Count - 1; i >= 0; i--)
            stack.Push(course.Blocks[root.Children[i]]);
        while (stack.TryPop(out var block))
        {
            if (!isVisible(block))
                continue;
            if (block.IsScored)
                yield return block;
            for (var i = block.Children.Count - 1; i >= 0; i--)
                stack.Push(course.Blocks[block.Children[i]]);
        }
    }

    private static double Percent(double earned, double possible) => possible > 0 ? earned / possible : 0;
}
