using Actors.Grains.Courses.Collect;
using Actors.Grains.Courses.Progress;
using Actors.Grains.Students.State;

namespace Actors.Grains.Tests.Courses;

/// <summary><see cref="ProgressCalculator"/> over the test course: chapters c0, c1, each with a graded sequential
/// (s*_0, Homework) and an ungraded one (s*_1), each with two units holding a one-point problem.</summary>
public sealed class ProgressCalculatorTests
{
    private const string Key = "course-v1:Org+Progress+2026";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, BlockScore> NoScores = [];

    private static string Id(string type, string id) => TestCourses.UsageKey(Key, type, id);

    private static CollectedCourse Course(Func<Actors.Grains.Courses.Content.ContentBlock, Actors.Grains.Courses.Content.ContentBlock>? customize = null) =>
        CourseCollector.Collect(Key, 1, TestCourses.Build(Key, customize: customize));

    private static Dictionary<string, BlockScore> Scores(params (string Problem, double Grade, double MaxGrade)[] scores) =>
        scores.ToDictionary(s => Id("problem", s.Problem), s => new BlockScore(Id("problem", s.Problem), s.Grade, s.MaxGrade, Now));

    [Fact]
    public void Unattempted_ShowsZeroOutOfTheCollectedMaxScores_InOpenEdxShape()
    {
        var progress = ProgressCalculator.Compute(Course(), "alice", "audit", NoScores, isStaff: false, Now);

        Assert.Equal("alice", progress.Username);
        Assert.Equal("audit", progress.EnrollmentMode);
        Assert.Equal(["Section 0", "Section 1"], progress.SectionScores.Select(s => s.DisplayName));
        var homework = progress.SectionScores[0].Subsections[0];
        Assert.Equal(("Homework", Id("sequential", "s0_0"), "Subsection 0.0", true), (homework.AssignmentType, homework.BlockKey, homework.DisplayName, homework.HasGradedAssignment));
        Assert.Equal((0.0, 2.0, 0.0), (homework.NumPointsEarned, homework.NumPointsPossible, homework.PercentGraded));
        Assert.Equal([new ProblemScores(0, 1), new ProblemScores(0, 1)], homework.ProblemScores);
        Assert.Equal(new CourseTotals(0, 4, 0, 0, 8), progress.CourseTotals);
    }

    [Fact]
    public void UngradedSubsection_ListsItsProblemScores_ButHasNoGradedPoints()
    {
        var progress = ProgressCalculator.Compute(Course(), "alice", "audit", Scores(("p0_1_0", 1, 1)), isStaff: false, Now);

        var practice = progress.SectionScores[0].Subsections[1];
        Assert.False(practice.HasGradedAssignment);
        Assert.Null(practice.AssignmentType);
        Assert.Equal((0.0, 0.0), (practice.NumPointsEarned, practice.NumPointsPossible));
        Assert.Equal([new ProblemScores(1, 1), new ProblemScores(0, 1)], practice.ProblemScores);
        Assert.Equal((1.0, 8.0), (progress.CourseTotals.AllPointsEarned, progress.CourseTotals.AllPointsPossible));
    }

    [Fact]
    public void LearnersMaxGrade_OverridesTheCollectedMaxScore_AndEarnedPointsSum()
    {
        var scores = Scores(("p0_0_0", 2, 3), ("p0_0_1", 1, 1), ("p1_0_0", 0.5, 1));

        var progress = ProgressCalculator.Compute(Course(), "alice", "audit", scores, isStaff: false, Now);

        var homework = progress.SectionScores[0].Subsections[0];
        Assert.Equal([new ProblemScores(2, 3), new ProblemScores(1, 1)], homework.ProblemScores);
        Assert.Equal((3.0, 4.0, 0.75), (homework.NumPointsEarned, homework.NumPointsPossible, homework.PercentGraded));
        Assert.Equal((0.5, 2.0), (progress.SectionScores[1].Subsections[0].NumPointsEarned, progress.SectionScores[1].Subsections[0].NumPointsPossible));
        Assert.Equal(new CourseTotals(3.5, 6, 3.5 / 6, 3.5, 10), progress.CourseTotals);
    }

    [Fact]
    public void WeightedProblem_ScalesTheLearnersRawScore_AndTheUnattemptedMaxScore()
    {
        var course = Course(b => b.Type == "problem" && b.Id.Contains("block@p0_0_", StringComparison.Ordinal)
            ? b with { Weight = 10 }
            : b);

        var progress = ProgressCalculator.Compute(course, "alice", "audit", Scores(("p0_0_0", 1, 2)), isStaff: false, Now);

        Assert.Equal([new ProblemScores(5, 10), new ProblemScores(0, 10)], progress.SectionScores[0].Subsections[0].ProblemScores);
    }

    [Fact]
    public void ScoreOfABlockTheCourseNoLongerScores_IsIgnored()
    {
        var scores = Scores(("p0_0_0", 1, 1));
        scores[Id("html", "h0_0_0")] = new BlockScore(Id("html", "h0_0_0"), 5, 5, Now);

        var progress = ProgressCalculator.Compute(Course(), "alice", "audit", scores, isStaff: false, Now);

        Assert.Equal(1, progress.CourseTotals.AllPointsEarned);
    }

    [Fact]
    public void Learner_DoesNotSeeStaffOnlyOrNotYetStartedContent_StaffDoes()
    {
        var course = Course(b => b.Id == Id("sequential", "s0_1") ? b with { VisibleToStaffOnly = true }
            : b.Id == Id("chapter", "c1") ? b with { Start = Now.AddDays(1) }
            : b.Id == Id("vertical", "v0_0_1") ? b with { VisibleToStaffOnly = true }
            : b);

        var learner = ProgressCalculator.Compute(course, "alice", "audit", NoScores, isStaff: false, Now);
        var staff = ProgressCalculator.Compute(course, "alice", null, NoScores, isStaff: true, Now);

        Assert.Equal(["Section 0"], learner.SectionScores.Select(s => s.DisplayName));
        Assert.Equal(["Subsection 0.0"], learner.SectionScores[0].Subsections.Select(s => s.DisplayName));
        Assert.Single(learner.SectionScores[0].Subsections[0].ProblemScores);
        Assert.True(learner.HasScheduledContent);
        Assert.Equal(2, staff.SectionScores.Count);
        Assert.Equal(8, staff.CourseTotals.AllPointsPossible);
    }
}
