using System.Formats.Tar;
using System.IO.Compression;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>Files from the repository (samples) and beside it (../shared/olx), found from the test's build output.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Actors.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("Actors.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string SampleCourse => File.ReadAllText(Path.Combine(Root, "samples", "intro-course.json"));

    /// <summary>The Open edX demo course (../shared/olx/openedx-demo-course) packed as Studio exports it: a .tar.gz with
    /// one top-level folder, without static files.</summary>
    public static byte[] DemoCourseArchive()
    {
        var folder = Path.GetFullPath(Path.Combine(Root, "..", "shared", "olx", "openedx-demo-course"));
        if (!File.Exists(Path.Combine(folder, "course.xml")))
            throw new DirectoryNotFoundException($"The demo course is expected at {folder} (../shared beside the repository).");
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (relative.StartsWith("static/", StringComparison.Ordinal) || relative.StartsWith("assets/", StringComparison.Ordinal))
                    continue;
                tar.WriteEntry(file, "demo-course/" + relative);
            }
        }

        return buffer.ToArray();
    }
}
