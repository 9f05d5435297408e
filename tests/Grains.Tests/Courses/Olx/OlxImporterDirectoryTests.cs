using Actors.Grains.Courses.Olx;

namespace Actors.Grains.Tests.Courses.Olx;

/// <summary>Importing an export unpacked in a folder.</summary>
public sealed class OlxImporterDirectoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("olx-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(_folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
    }

    [Fact]
    public void ImportDirectory_FolderHoldingASingleExportFolder_ImportsIt()
    {
        Write(MiniCourse.Files());

        var content = OlxImporter.ImportDirectory(_folder, OlxImportLimits.Default);

        Assert.Equal(5, content.Blocks.Count);
    }

    [Fact]
    public void ImportDirectory_NoCourseXml_IsReportedOnCourseXml()
    {
        var error = Assert.Throws<OlxImportException>(() => OlxImporter.ImportDirectory(_folder, OlxImportLimits.Default));

        Assert.Equal("course.xml", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void ImportDirectory_SymbolicLinkToAFileOutside_IsRefused()
    {
        var files = MiniCourse.Files();
        files.Remove("export/problem/p1.xml");
        Write(files);
        var outside = Path.Combine(_folder, "secret.xml");
        File.WriteAllText(outside, "<problem>secret</problem>");
        Directory.CreateDirectory(Path.Combine(_folder, "export", "problem"));
        File.CreateSymbolicLink(Path.Combine(_folder, "export", "problem", "p1.xml"), outside);

        var error = Assert.Throws<OlxImportException>(() => OlxImporter.ImportDirectory(Path.Combine(_folder, "export"), OlxImportLimits.Default));

        Assert.Equal("problem/p1.xml", Assert.Single(error.Problems).Path);
    }
}
