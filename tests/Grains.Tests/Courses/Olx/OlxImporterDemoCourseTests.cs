using System.Text.Json;
using System.Xml.Linq;
using Actors.Grains.Courses;
using Actors.Grains.Courses.Collect;
using Actors.Grains.Courses.Content;
using Actors.Grains.Courses.Olx;

namespace Actors.Grains.Tests.Courses.Olx;

/// <summary>The Open edX demo course (../shared/olx/openedx-demo-course), imported from its folder and as a .tar.gz.</summary>
public sealed class OlxImporterDemoCourseTests
{
    private const string Prefix = "block-v1:OpenedX+DemoX+DemoCourse+type@";
    private static readonly Lazy<CourseContent> Demo = new(() => OlxImporter.ImportDirectory(OlxTestArchives.DemoCoursePath, OlxImportLimits.Default));

    private static int Count(string type) => Demo.Value.Blocks.Count(b => b.Type == type);

    [Fact]
    public void ImportDirectory_DemoCourse_Has6Chapters17Sequentials58Verticals()
    {
        Assert.Equal(1, Count("course"));
        Assert.Equal(6, Count("chapter"));
        Assert.Equal(17, Count("sequential"));
        Assert.Equal(58, Count("vertical"));
    }

    [Fact]
    public void ImportDirectory_DemoCourse_Has313ComponentsInItsVerticals()
    {
        var byId = Demo.Value.Blocks.ToDictionary(b => b.Id);
        var components = Demo.Value.Blocks.Where(b => b.Type == "vertical").SelectMany(v => v.Children!).Select(id => byId[id]).ToList();

        Assert.Equal(313, components.Count);
        Assert.Equal(266, components.Count(c => c.Type == "html"));
        Assert.Equal(23, components.Count(c => c.Type == "problem"));
        Assert.Equal(11, components.Count(c => c.Type == "video"));
        Assert.Equal(2, components.Count(c => c.Type == "openassessment"));
        Assert.Null(Assert.Single(components, c => c.Type == "library_content").Children);
        Assert.Equal(1 + 6 + 17 + 58 + 313, Demo.Value.Blocks.Count);
    }

    [Fact]
    public void ImportDirectory_DemoCourse_EveryIdIsInTheCourseAndEveryChildIsABlock()
    {
        var blocks = Demo.Value.Blocks;
        var ids = blocks.Select(b => b.Id).ToHashSet();
        var childIds = blocks.SelectMany(b => b.Children ?? []).ToList();

        Assert.Equal(blocks.Count, ids.Count);
        Assert.All(blocks, b => Assert.StartsWith($"{Prefix}{b.Type}+block@", b.Id));
        Assert.All(childIds, id => Assert.Contains(id, ids));
        Assert.Equal(blocks.Count - 1, childIds.Distinct().Count());
        Assert.Equal(childIds.Count, childIds.Distinct().Count());
        Assert.Equal($"{Prefix}course+block@course", Assert.Single(blocks, b => b.Type == "course").Id);
    }

    [Fact]
    public void ImportDirectory_DemoCourse_ReadsNamesInOrderAndSequentialFields()
    {
        var byId = Demo.Value.Blocks.ToDictionary(b => b.Id);
        var root = Demo.Value.Blocks.Single(b => b.Type == "course");
        var chapters = root.Children!.Select(id => byId[id]).ToList();

        Assert.Equal("Open edX Demo Course", root.DisplayName);
        Assert.Equal("Module 1: Dive into the Open edX® platform!", chapters[0].DisplayName);
        Assert.Equal("Conclusion", chapters[5].DisplayName);
        Assert.Equal($"{Prefix}chapter+block@30b3fbb840024953b2d4b2e700a53002", chapters[0].Id);
        var basic = byId[$"{Prefix}sequential+block@276a277f5a784f53a7525e28b96e9a1b"];
        Assert.Equal("Basic Assessment Tools", basic.DisplayName);
        Assert.True(basic.Graded);
        Assert.Equal("Basic Assessment Tools", basic.Format);
    }

    [Fact]
    public void ImportDirectory_DemoCourse_AppliesThePolicyAndAboutPagesToTheCourse()
    {
        var root = Demo.Value.Blocks.Single(b => b.Type == "course");

        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), root.Start);
        Assert.NotNull(root.Course);
        Assert.Equal("DemoX-Course-Card.png", root.Course.CourseImage); // policy.json overrides course_image="thumbnail_demox.jpeg"
        Assert.Equal("en", root.Course.Language);
        Assert.True(root.Course.SelfPaced);
        Assert.StartsWith("Explore Open edX® capabilities", root.Course.ShortDescription);
        Assert.Null(root.Course.Effort);
        Assert.Null(root.Course.CourseVisibility);
    }

    [Fact]
    public void ImportDirectory_DemoCourse_ProblemsCarryTheirOlxAndComponentsTheirWeight()
    {
        var blocks = Demo.Value.Blocks;
        var problems = blocks.Where(b => b.Type == "problem").ToList();

        Assert.All(problems, p => Assert.Equal("problem", XElement.Parse(p.Data!).Name.LocalName));
        Assert.All(blocks.Where(b => b.Type is not ("problem" or "openassessment")), b => Assert.Null(b.Data));
        var python = Assert.Single(blocks, b => b.Id == $"{Prefix}problem+block@720cac326b684155b4845d32af4aeef0");
        Assert.Equal("Simple Python-Evaluated Input Problem", python.DisplayName);
        Assert.Equal(1.0, python.Weight);
        var dragAndDrop = Assert.Single(blocks, b => b.Type == "drag-and-drop-v2");
        Assert.Equal($"{Prefix}drag-and-drop-v2+block@1feb18be7d7c481bb075d943ffb04893", dragAndDrop.Id);
        Assert.Equal("Drag and Drop", dragAndDrop.DisplayName);
        Assert.Equal(1.0, dragAndDrop.Weight);
    }

    [Fact]
    public void Collect_DemoCourse_ScoresOraFromItsRubric_LtiByHasScore_AndOtherScoredXBlocksByTheirDefaults()
    {
        var collected = CourseCollector.Collect("course-v1:OpenedX+DemoX+DemoCourse", 1, Demo.Value);
        double? MaxScoreOf(string type) => collected.Blocks.Values.First(b => b.Type == type).MaxScore;

        Assert.Equal([3.0, 10.0], collected.Blocks.Values.Where(b => b.Type == "openassessment").Select(b => b.MaxScore!.Value).Order());
        Assert.All(collected.Blocks.Values.Where(b => b.Type == "lti"), b => Assert.Equal(1.0, b.MaxScore));
        Assert.Equal(1.0, MaxScoreOf("drag-and-drop-v2"));
        Assert.Equal(1.0, MaxScoreOf("staffgradedxblock"));
        Assert.Equal(1.0, MaxScoreOf("edx_sga")); // weight="1.0" scales its 100 points
        Assert.Equal(1.0, MaxScoreOf("done"));
        Assert.Null(MaxScoreOf("poll"));
        Assert.Equal(23 + 2 + 2 + 4, collected.Blocks.Values.Count(b => b.IsScored));
    }

    [Fact]
    public void ImportDirectory_DemoCourse_PassesThePublishValidatorAndCollects()
    {
        const string courseKey = "course-v1:OpenedX+DemoX+DemoCourse";

        Assert.Empty(CourseContentValidator.Validate(courseKey, Demo.Value, new CourseOptions()));
        var collected = CourseCollector.Collect(courseKey, 1, Demo.Value);
        Assert.Equal(Demo.Value.Blocks.Count, collected.Blocks.Count);
    }

    [Fact]
    public async Task ImportArchiveAsync_DemoCoursePackedUnderATopFolder_GivesTheSameContentAsTheFolder()
    {
        using var archive = OlxTestArchives.FromFolder(OlxTestArchives.DemoCoursePath, "course");

        var imported = await OlxImporter.ImportArchiveAsync(archive, OlxImportLimits.Default, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(Demo.Value), JsonSerializer.Serialize(imported));
    }
}
