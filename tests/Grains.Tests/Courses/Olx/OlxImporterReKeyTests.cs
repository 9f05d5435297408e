using Actors.Grains.Courses;
using Actors.Grains.Courses.Content;
using Actors.Grains.Courses.Olx;
using Actors.Grains.Keys;

namespace Actors.Grains.Tests.Courses.Olx;

/// <summary>An export imported into a given course is re-keyed into it, as Studio's import into a course does, whatever
/// <c>course.xml</c> names.</summary>
public sealed class OlxImporterReKeyTests
{
    private static async Task<CourseContent> ImportIntoAsync(string course)
    {
        using var archive = OlxTestArchives.FromFiles(MiniCourse.Files());
        return await OlxImporter.ImportArchiveAsync(archive, OlxImportLimits.Default, CourseKey.Parse(course));
    }

    [Fact]
    public async Task ImportArchiveAsync_IntoAnotherCourseV1Course_KeysEveryBlockInThatCourse_AndPassesItsValidation()
    {
        var content = await ImportIntoAsync("course-v1:Other+C2+Run2");

        Assert.Equal(
            ["block-v1:Other+C2+Run2+type@course+block@course", "block-v1:Other+C2+Run2+type@chapter+block@ch1",
             "block-v1:Other+C2+Run2+type@sequential+block@s1", "block-v1:Other+C2+Run2+type@vertical+block@v1",
             "block-v1:Other+C2+Run2+type@problem+block@p1"],
            content.Blocks.Select(b => b.Id));
        Assert.Equal(["block-v1:Other+C2+Run2+type@chapter+block@ch1"], content.Blocks[0].Children);
        Assert.Empty(CourseContentValidator.Validate("course-v1:Other+C2+Run2", content, new CourseOptions()));
    }

    [Fact]
    public async Task ImportArchiveAsync_IntoADeprecatedCourse_GivesI4xKeys_WithTheRunAsTheRootsId()
    {
        var content = await ImportIntoAsync("Other/C2/Run2");

        Assert.Equal("i4x://Other/C2/course/Run2", content.Blocks[0].Id);
        Assert.Equal(["i4x://Other/C2/chapter/ch1"], content.Blocks[0].Children);
        Assert.Contains(content.Blocks, b => b.Id == "i4x://Other/C2/problem/p1");
        Assert.Empty(CourseContentValidator.Validate("Other/C2/Run2", content, new CourseOptions()));
    }

    [Fact]
    public async Task ImportArchiveAsync_IntoACourse_StillReadsThePolicyOfTheExportsOwnRun()
    {
        var files = MiniCourse.Files();
        files["export/policies/Run1/policy.json"] = """{"chapter/ch1": {"display_name": "From the policy"}}""";
        using var archive = OlxTestArchives.FromFiles(files);

        var content = await OlxImporter.ImportArchiveAsync(archive, OlxImportLimits.Default, CourseKey.Parse("course-v1:Other+C2+Run2"));

        Assert.Equal("From the policy", Assert.Single(content.Blocks, b => b.Type == "chapter").DisplayName);
    }

    [Fact]
    public async Task ImportArchiveAsync_WithoutACourse_KeysTheBlocksInTheCourseThatCourseXmlNames()
    {
        var content = await MiniCourse.ImportAsync(MiniCourse.Files());

        Assert.All(content.Blocks, b => Assert.StartsWith(MiniCourse.Prefix, b.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BlockV1IdsPublishedToADeprecatedCourse_AreReportedOnTheirIds()
    {
        var content = new CourseContent([new ContentBlock("block-v1:Org+C+R+type@course+block@course", "course")]);

        var problem = Assert.Single(CourseContentValidator.Validate("Org/C/R", content, new CourseOptions()));

        Assert.Equal("blocks[0].id", problem.Path);
    }
}
