using Actors.Grains.Courses.Collect;
using Actors.Grains.Courses.Content;

namespace Actors.Grains.Tests.Courses;

/// <summary>Which blocks have a score and what they are worth (<see cref="ScoredBlocks"/>), and how that drives
/// navigation's " (N Questions)" count and icon.</summary>
public sealed class ScoredBlocksTests
{
    private const string Key = "course-v1:Org+Scored+2026";

    private const string Ora = """
        <openassessment><title>Essay</title><rubric>
          <criterion><name>Ideas</name><option points="0"/><option points="3"/><option points="5"/></criterion>
          <criterion><name>Content</name><option points="0"/><option points="2"/><option points="4"/></criterion>
        </rubric></openassessment>
        """;

    private static string Id(string type, string id) => TestCourses.UsageKey(Key, type, id);

    /// <summary>The test course with the graded first sequential's first unit also holding <paramref name="extra"/>.</summary>
    private static CollectedCourse CollectWith(params ContentBlock[] extra)
    {
        var unit = Id("vertical", "v0_0_0");
        var content = TestCourses.Build(Key, customize: b => b.Id == unit ? b with { Children = [.. b.Children!, .. extra.Select(e => e.Id)] } : b);
        return CourseCollector.Collect(Key, 1, new CourseContent([.. content.Blocks, .. extra]));
    }

    public static TheoryData<string, double?, bool?, double?, string?, double?> MaxScores => new()
    {
        // type, weight, has_score, points, data → points possible (null: not scored)
        { "openassessment", null, null, null, Ora, 9 },
        { "openassessment", null, null, null, null, 10 },
        { "openassessment", 20, null, null, Ora, 20 },
        { "drag-and-drop-v2", null, null, null, null, 1 },
        { "drag-and-drop-v2", 3, null, null, null, 3 },
        { "staffgradedxblock", null, null, null, null, 1 },
        { "edx_sga", null, null, null, null, 100 },
        { "edx_sga", null, null, 40, null, 40 },
        { "done", null, null, null, null, 1 },
        { "lti", null, true, null, null, 1 },
        { "lti_consumer", 5, true, null, null, 5 },
        { "lti", null, null, null, null, null },
        { "some_custom_xblock", null, true, 7, null, 7 },
        { "html", null, null, null, null, null },
        { "drag-and-drop-v2", 0, null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(MaxScores))]
    public void Collect_GivesEveryScoredBlockTypeItsMaxScore(string type, double? weight, bool? hasScore, double? points, string? data, double? expected)
    {
        var block = new ContentBlock(Id(type, "x1"), type, "Scored?", Weight: weight, Data: data, HasScore: hasScore, Points: points);

        var course = CollectWith(block);

        Assert.Equal(expected, course.Blocks[block.Id].MaxScore);
    }

    [Fact]
    public void Collect_CountsGradedScoredNonProblemBlocksAsQuestions_ButNotLti()
    {
        var course = CollectWith(
            new ContentBlock(Id("openassessment", "ora"), "openassessment", "Essay", Data: Ora),
            new ContentBlock(Id("drag-and-drop-v2", "dnd"), "drag-and-drop-v2", "Drag"),
            new ContentBlock(Id("staffgradedxblock", "sg"), "staffgradedxblock", "Offline"),
            new ContentBlock(Id("lti_consumer", "lti"), "lti_consumer", "Tool", HasScore: true),
            new ContentBlock(Id("html", "h"), "html", "Text"));

        var graded = course.Blocks[Id("sequential", "s0_0")];

        Assert.Equal(5, graded.GradedProblems); // 2 problems + ORA + drag-and-drop + staff-graded
        Assert.Equal("Subsection 0.0 (5 Questions)", graded.DisplayName);
        Assert.Equal("Subsection 0.0", graded.Name);
    }

    [Fact]
    public void Collect_GradedSequentialWithOnlyAnLtiScore_GetsTheIconButNoQuestionSuffix()
    {
        var lti = new ContentBlock(Id("lti", "tool"), "lti", "Tool", HasScore: true);
        var content = TestCourses.Build(Key, customize: b => b.Type == "problem" ? b with { Type = "html", Id = b.Id.Replace("problem", "html", StringComparison.Ordinal), Data = null } : b);
        var unit = Id("vertical", "v0_0_0");
        var blocks = content.Blocks.Select(b => b.Type == "vertical"
            ? b with { Children = [.. b.Children!.Select(c => c.Replace("type@problem", "type@html", StringComparison.Ordinal)), .. b.Id == unit ? new[] { lti.Id } : []] }
            : b).Append(lti).ToList();

        var course = CourseCollector.Collect(Key, 1, new CourseContent(blocks));

        var graded = course.Blocks[Id("sequential", "s0_0")];
        Assert.Equal(0, graded.GradedProblems);
        Assert.Equal("Subsection 0.0", graded.DisplayName);
        Assert.Equal("fa-pencil-square-o", graded.Icon);
    }

    [Fact]
    public void Collect_UngradedScoredBlocks_AreScoredButNotQuestions()
    {
        var course = CourseCollector.Collect(Key, 1, TestCourses.Build(Key));

        var ungraded = course.Blocks[Id("sequential", "s0_1")];
        Assert.Equal(0, ungraded.GradedProblems);
        Assert.True(course.Blocks[Id("problem", "p0_1_0")].IsScored);
    }

    [Theory]
    [InlineData(1, 2, null, 1, 2)]
    [InlineData(1, 2, 10.0, 5, 10)]
    [InlineData(0, 0, 10.0, 0, 0)]
    public void Weighted_ScalesTheRawScoreToTheWeight_AsOpenEdxDoes(double grade, double maxGrade, double? weight, double earned, double possible) =>
        Assert.Equal((earned, possible), ScoredBlocks.Weighted(grade, maxGrade, weight));
}
