using Actors.Grains.Courses.Collect;
using Actors.Grains.Courses.Content;

namespace Actors.Grains.Tests.Courses;

public sealed class CourseCollectorTests
{
    private const string Key = "course-v1:Org+Collect+2026";

    [Fact]
    public void Collect_ComputesIconsScoresAndTheQuestionsSuffix()
    {
        var course = CourseCollector.Collect(Key, 3, TestCourses.Build(Key));

        Assert.Equal(3, course.Version);
        var graded = course.Blocks[TestCourses.UsageKey(Key, "sequential", "s0_0")];
        Assert.Equal("Subsection 0.0 (2 Questions)", graded.DisplayName);
        Assert.Equal("fa-pencil-square-o", graded.Icon);
        Assert.Equal(2, graded.GradedProblems);
        var ungraded = course.Blocks[TestCourses.UsageKey(Key, "sequential", "s0_1")];
        Assert.Equal("Subsection 0.1", ungraded.DisplayName);
        Assert.Null(ungraded.Icon);
        Assert.Equal("problem", course.Blocks[TestCourses.UsageKey(Key, "vertical", "v0_0_0")].Icon);
        Assert.Equal(1, course.Blocks[TestCourses.UsageKey(Key, "problem", "p0_0_0")].MaxScore);
        Assert.Equal(CompletionMode.Aggregator, course.Blocks[TestCourses.UsageKey(Key, "vertical", "v0_0_0")].CompletionMode);
    }

    [Fact]
    public void Collect_InheritsStartStaffOnlyAndDueDownTheTree()
    {
        var late = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var content = TestCourses.Build(Key, customize: block => block.Id == TestCourses.UsageKey(Key, "chapter", "c1")
            ? block with { Start = late, VisibleToStaffOnly = true }
            : block);

        var course = CourseCollector.Collect(Key, 1, content);

        var unit = course.Blocks[TestCourses.UsageKey(Key, "vertical", "v1_0_0")];
        Assert.Equal(late, unit.Start);
        Assert.True(unit.VisibleToStaffOnly);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), unit.Due);
        Assert.False(course.Blocks[TestCourses.UsageKey(Key, "vertical", "v0_0_0")].VisibleToStaffOnly);
        Assert.Equal(late, course.LatestStart);
    }

    [Theory]
    [InlineData("<problem><choiceresponse/><stringresponse/></problem>", null, 2)]
    [InlineData("<problem><customresponse><textline/></customresponse></problem>", null, 1)]
    [InlineData("<problem><p>No inputs</p></problem>", null, 0)]
    [InlineData("<problem><choiceresponse/><stringresponse/></problem>", 5.0, 5)]
    [InlineData("", null, 0)]
    public void MaxScore_IsOnePointPerResponseUnlessWeighted(string data, double? weight, double expected) =>
        Assert.Equal(expected, ProblemScore.MaxScore(data, weight));

    [Fact]
    public void Collect_ProblemWithMalformedOlx_Throws() =>
        Assert.ThrowsAny<System.Xml.XmlException>(() => CourseCollector.Collect(Key, 1, TestCourses.Build(Key,
            customize: b => b.Type == "problem" ? b with { Data = "<problem><unclosed>" } : b)));

    [Fact]
    public void Collect_TenThousandBlocks_Works()
    {
        var content = TestCourses.Build(Key, chapters: 20, sequentials: 10, verticals: 16);

        var course = CourseCollector.Collect(Key, 1, content);

        Assert.Equal(content.Blocks.Count, course.Blocks.Count);
        Assert.True(course.Blocks.Count > 9_000);
    }

    [Fact]
    public void Validator_ReportsTheFirstProblemsWithTheirPaths()
    {
        var content = TestCourses.Build(Key);
        var broken = new CourseContent(content.Blocks.Select(b => b.Type == "chapter" && b.Id.EndsWith("c0", StringComparison.Ordinal)
            ? b with { Children = [.. b.Children!, TestCourses.UsageKey(Key, "sequential", "missing")] }
            : b).Append(new ContentBlock("not-a-key", "html")).ToList());

        var problems = CourseContentValidator.Validate(Key, broken, new Actors.Grains.Courses.CourseOptions());

        Assert.Contains(problems, p => p.Path.EndsWith(".id", StringComparison.Ordinal) && p.Message.Contains("not-a-key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path.Contains(".children[", StringComparison.Ordinal) && p.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Empty(CourseContentValidator.Validate(Key, content, new Actors.Grains.Courses.CourseOptions()));
    }

    [Fact]
    public void Validator_RejectsABlockOfAnotherCourse_TwoParents_AndTwoRoots()
    {
        var content = TestCourses.Build(Key);
        var other = TestCourses.UsageKey("course-v1:Other+Course+Run", "html", "x");
        var vertical = content.Blocks.First(b => b.Type == "vertical");
        var blocks = content.Blocks.Select(b => b.Type == "sequential" && b.Id.EndsWith("s0_1", StringComparison.Ordinal)
                ? b with { Children = [.. b.Children!, vertical.Id] } // a second parent
                : b)
            .Append(new ContentBlock(other, "html"))
            .Append(new ContentBlock(TestCourses.UsageKey(Key, "course", "second"), "course"))
            .ToList();

        var problems = CourseContentValidator.Validate(Key, new CourseContent(blocks), new Actors.Grains.Courses.CourseOptions());

        Assert.Contains(problems, p => p.Message.Contains("belongs to", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("one parent", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("Exactly one block of type 'course'", StringComparison.Ordinal));
    }
}
