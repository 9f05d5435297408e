using System.Formats.Tar;
using Actors.Grains.Courses.Content;
using Actors.Grains.Courses.Olx;

namespace Actors.Grains.Tests.Courses.Olx;

/// <summary>Small hand-made archives: pointers, inline blocks, fields, policy, what is skipped.</summary>
public sealed class OlxImporterArchiveTests
{
    private const string Prefix = MiniCourse.Prefix;

    private static Task<CourseContent> ImportAsync(IReadOnlyDictionary<string, string> files, OlxImportLimits? limits = null, Action<TarWriter>? extra = null) =>
        MiniCourse.ImportAsync(files, limits, extra);

    private static ContentBlock Block(CourseContent content, string id) => Assert.Single(content.Blocks, b => b.Id == Prefix + id);

    [Fact]
    public async Task ImportArchiveAsync_MiniCourse_FollowsPointersAndReadsFields()
    {
        var content = await ImportAsync(MiniCourse.Files());

        Assert.Equal(5, content.Blocks.Count); // the <wiki> is course metadata, not a block
        var course = Block(content, "course+block@course");
        Assert.Equal("Mini", course.DisplayName);
        Assert.Equal([Prefix + "chapter+block@ch1"], course.Children);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), course.Start);
        var sequential = Block(content, "sequential+block@s1");
        Assert.True(sequential.Graded);
        Assert.Equal("Homework", sequential.Format);
        Assert.Equal(new DateTimeOffset(2030, 2, 1, 0, 0, 0, TimeSpan.Zero), sequential.Due);
        var problem = Block(content, "problem+block@p1");
        Assert.Equal(2.0, problem.Weight);
        Assert.Null(problem.Children);
        Assert.Equal("""<problem display_name="P1" weight="2"><multiplechoiceresponse /></problem>""", problem.Data);
    }

    [Fact]
    public async Task ImportArchiveAsync_PolicyEntries_OverrideAttributes()
    {
        var files = MiniCourse.Files();
        files["export/policies/Run1/policy.json"] = """
            {
              "course/Run1": { "display_name": "From policy", "end": "\"2031-06-30T12:00:00Z\"", "self_paced": true,
                               "course_visibility": "public_outline", "language": "fr", "advertised_start": "Fall 2031" },
              "sequential/s1": { "graded": false, "due": null, "visible_to_staff_only": true },
              "problem/p1": { "weight": 5 }
            }
            """;
        files["export/about/effort.html"] = " 4:00\n";

        var content = await ImportAsync(files);

        var course = Block(content, "course+block@course");
        Assert.Equal("From policy", course.DisplayName);
        Assert.Equal(new CourseSettings(End: new DateTimeOffset(2031, 6, 30, 12, 0, 0, TimeSpan.Zero), SelfPaced: true,
            CourseVisibility: "public_outline", Language: "fr", Effort: "4:00", AdvertisedStart: "Fall 2031"), course.Course);
        var sequential = Block(content, "sequential+block@s1");
        Assert.False(sequential.Graded);
        Assert.Null(sequential.Due);
        Assert.True(sequential.VisibleToStaffOnly);
        Assert.Equal(5.0, Block(content, "problem+block@p1").Weight);
    }

    [Fact]
    public async Task ImportArchiveAsync_CourseXmlAtTheArchiveRoot_IsAccepted()
    {
        var files = MiniCourse.Files().ToDictionary(f => f.Key["export/".Length..], f => f.Value);

        var content = await ImportAsync(files);

        Assert.Equal(5, content.Blocks.Count);
    }

    [Fact]
    public async Task ImportArchiveAsync_InlineChildren_AreBlocksWithTheirOwnOrAGeneratedId()
    {
        var files = MiniCourse.Files();
        files["export/sequential/s1.xml"] = """
            <sequential display_name="S1">
              <vertical url_name="inline_v" display_name="Inline unit">
                <html display_name="No url_name"/>
                <problem url_name="inline_p" display_name="Inline problem"><choiceresponse/></problem>
                <video url_name="v9" display_name="Inline video"/>
              </vertical>
            </sequential>
            """;

        var first = await ImportAsync(files);
        var second = await ImportAsync(files);

        var vertical = Block(first, "vertical+block@inline_v");
        Assert.Equal("Inline unit", vertical.DisplayName);
        Assert.Equal(3, vertical.Children!.Count);
        Assert.Matches(@"^block-v1:Org\+C1\+Run1\+type@html\+block@html_[0-9a-f]{12}$", vertical.Children[0]);
        Assert.Equal("No url_name", Assert.Single(first.Blocks, b => b.Id == vertical.Children[0]).DisplayName);
        Assert.Equal(Prefix + "problem+block@inline_p", vertical.Children[1]);
        Assert.Equal("""<problem url_name="inline_p" display_name="Inline problem"><choiceresponse /></problem>""", Block(first, "problem+block@inline_p").Data);
        Assert.Equal("Inline video", Block(first, "video+block@v9").DisplayName);
        Assert.Equal(vertical.Children, Block(second, "vertical+block@inline_v").Children);
    }

    [Fact]
    public async Task ImportArchiveAsync_SkippedFoldersAndLargeStaticFiles_AreNotRead()
    {
        var files = MiniCourse.Files();
        files["export/static/broken.xml"] = "<not closed";
        files["export/drafts/vertical/v1.xml"] = "<not closed";

        var content = await ImportAsync(files, new OlxImportLimits(MaxFileBytes: 1000),
            writer => OlxTestArchives.AddFile(writer, "export/static/video.mp4", new byte[5000]));

        Assert.Equal(5, content.Blocks.Count);
    }
}
