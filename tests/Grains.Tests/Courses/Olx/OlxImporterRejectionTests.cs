using System.Formats.Tar;
using Actors.Grains.Courses.Content;
using Actors.Grains.Courses.Olx;

namespace Actors.Grains.Tests.Courses.Olx;

/// <summary>Small hand-made archives that are rejected, each problem reported on the right path.</summary>
public sealed class OlxImporterRejectionTests
{
    private static Task<CourseContent> ImportAsync(IReadOnlyDictionary<string, string> files) => MiniCourse.ImportAsync(files);

    private static async Task<OlxImportProblem> RejectedAsync(IReadOnlyDictionary<string, string> files, OlxImportLimits? limits = null, Action<TarWriter>? extra = null)
    {
        var error = await Assert.ThrowsAsync<OlxImportException>(() => MiniCourse.ImportAsync(files, limits, extra));
        return Assert.Single(error.Problems);
    }

    [Fact]
    public async Task ImportArchiveAsync_PointerToAMissingFile_IsReportedOnTheFileHoldingThePointer()
    {
        var files = MiniCourse.Files();
        files.Remove("export/problem/p1.xml");

        var problem = await RejectedAsync(files);

        Assert.Equal("vertical/v1.xml", problem.Path);
        Assert.Contains("problem/p1.xml", problem.Message);
    }

    [Fact]
    public async Task ImportArchiveAsync_MalformedXml_IsReportedOnThatFile()
    {
        var files = MiniCourse.Files();
        files["export/sequential/s1.xml"] = """<sequential display_name="S1"><vertical url_name="v1"/>""";

        var problem = await RejectedAsync(files);

        Assert.Equal("sequential/s1.xml", problem.Path);
        Assert.StartsWith("Malformed XML", problem.Message);
    }

    [Fact]
    public async Task ImportArchiveAsync_MalformedPolicy_IsReportedOnThePolicy()
    {
        var files = MiniCourse.Files();
        files["export/policies/Run1/policy.json"] = """{ "course/Run1": { "display_name": """;

        var problem = await RejectedAsync(files);

        Assert.Equal("policies/Run1/policy.json", problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_BadDateOrBoolean_IsReportedOnTheFileItCameFrom()
    {
        var files = MiniCourse.Files();
        files["export/sequential/s1.xml"] = """<sequential due="next tuesday" graded="yes"><vertical url_name="v1"/></sequential>""";
        files["export/policies/Run1/policy.json"] = """{ "chapter/ch1": { "start": "2030-13-45" } }""";

        var error = await Assert.ThrowsAsync<OlxImportException>(() => ImportAsync(files));

        var errors = error.ErrorsByPath();
        Assert.Equal(["policies/Run1/policy.json", "sequential/s1.xml"], errors.Keys.Order());
        Assert.Equal(2, errors["sequential/s1.xml"].Length);
        Assert.Contains("start", Assert.Single(errors["policies/Run1/policy.json"]));
    }

    [Fact]
    public async Task ImportArchiveAsync_PathTraversalEntry_IsRefused()
    {
        var problem = await RejectedAsync(MiniCourse.Files(), extra: writer => OlxTestArchives.AddFile(writer, "../evil.xml", "<evil/>"));

        Assert.Equal("../evil.xml", problem.Path);
    }

    [Theory]
    [InlineData("/etc/evil.xml")]
    [InlineData("export/../../evil.xml")]
    public async Task ImportArchiveAsync_AbsoluteOrClimbingEntry_IsRefused(string name)
    {
        var problem = await RejectedAsync(MiniCourse.Files(), extra: writer => OlxTestArchives.AddFile(writer, name, "<evil/>"));

        Assert.Equal(name, problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_SymbolicLinkEntry_IsRefused()
    {
        var files = MiniCourse.Files();
        files.Remove("export/problem/p1.xml");

        var problem = await RejectedAsync(files, extra: writer =>
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "export/problem/p1.xml") { LinkName = "/etc/passwd" }));

        Assert.Equal("export/problem/p1.xml", problem.Path);
        Assert.Contains("Links", problem.Message);
    }

    [Fact]
    public async Task ImportArchiveAsync_TooManyBlocks_IsReportedOnTheArchive()
    {
        var problem = await RejectedAsync(MiniCourse.Files(), new OlxImportLimits(MaxBlocks: 3));

        Assert.Equal(OlxImportException.ArchivePath, problem.Path);
        Assert.Contains("more than 3 blocks", problem.Message);
    }

    [Fact]
    public async Task ImportArchiveAsync_TooDeep_IsReportedWhereTheLimitIsCrossed()
    {
        var problem = await RejectedAsync(MiniCourse.Files(), new OlxImportLimits(MaxDepth: 3));

        Assert.Equal("problem/p1.xml", problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_Cycle_IsReportedOnTheFileThatClosesIt()
    {
        var files = MiniCourse.Files();
        files["export/vertical/v1.xml"] = """<vertical><sequential url_name="s1"/></vertical>""";

        var problem = await RejectedAsync(files);

        Assert.Equal("vertical/v1.xml", problem.Path);
        Assert.Contains("cycle", problem.Message);
    }

    [Fact]
    public async Task ImportArchiveAsync_BlockUsedTwice_IsReported()
    {
        var files = MiniCourse.Files();
        files["export/chapter/ch1.xml"] = """<chapter><sequential url_name="s1"/><sequential url_name="s1"/></chapter>""";

        var problem = await RejectedAsync(files);

        Assert.Equal("sequential/s1.xml", problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_MissingCourseXml_IsReportedOnCourseXml()
    {
        var files = MiniCourse.Files();
        files.Remove("export/course.xml");

        var problem = await RejectedAsync(files);

        Assert.Equal("course.xml", problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_CourseXmlWithoutOrg_IsReportedOnCourseXml()
    {
        var files = MiniCourse.Files();
        files["export/course.xml"] = """<course url_name="Run1" course="C1"/>""";

        var problem = await RejectedAsync(files);

        Assert.Equal("course.xml", problem.Path);
        Assert.Contains("org", problem.Message);
    }

    [Fact]
    public async Task ImportArchiveAsync_UrlNameLeavingTheFolder_IsReported()
    {
        var files = MiniCourse.Files();
        files["export/vertical/v1.xml"] = """<vertical><problem url_name="..:..:etc:passwd"/></vertical>""";

        var problem = await RejectedAsync(files);

        Assert.Equal("vertical/v1.xml", problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_ArchiveOverTheLimit_IsReportedOnTheArchive()
    {
        var problem = await RejectedAsync(MiniCourse.Files(), new OlxImportLimits(MaxArchiveBytes: 100));

        Assert.Equal(OlxImportException.ArchivePath, problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_TooManyFiles_IsReportedOnTheArchive()
    {
        var problem = await RejectedAsync(MiniCourse.Files(), new OlxImportLimits(MaxFiles: 3));

        Assert.Equal(OlxImportException.ArchivePath, problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_ReferencedFileOverTheSizeLimit_IsReportedOnThatFile()
    {
        var files = MiniCourse.Files();
        files["export/problem/p1.xml"] = $"<problem>{new string(' ', 2000)}</problem>";

        var problem = await RejectedAsync(files, new OlxImportLimits(MaxFileBytes: 1000));

        Assert.Equal("problem/p1.xml", problem.Path);
    }

    [Fact]
    public async Task ImportArchiveAsync_NotAGzipStream_IsReportedOnTheArchive()
    {
        using var garbage = new MemoryStream("this is not a tar.gz"u8.ToArray());

        var error = await Assert.ThrowsAsync<OlxImportException>(() => OlxImporter.ImportArchiveAsync(garbage, OlxImportLimits.Default));

        Assert.Equal(OlxImportException.ArchivePath, Assert.Single(error.Problems).Path);
    }
}
