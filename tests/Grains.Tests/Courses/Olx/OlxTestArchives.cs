using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Actors.Grains.Tests.Courses.Olx;

/// <summary>Builds <c>.tar.gz</c> exports in memory, and locates the demo course OLX.</summary>
internal static class OlxTestArchives
{
    /// <summary>
    /// <c>../shared/olx/openedx-demo-course</c> next to the folder holding Actors.sln; fails (never skips) when absent.
    /// </summary>
    public static string DemoCoursePath
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Actors.sln")))
                folder = folder.Parent;
            if (folder is null)
                Assert.Fail($"No folder above {AppContext.BaseDirectory} holds Actors.sln.");
            var demo = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "olx", "openedx-demo-course"));
            if (!File.Exists(Path.Combine(demo, "course.xml")))
                Assert.Fail($"The demo course OLX is missing: expected {demo}/course.xml.");
            return demo;
        }
    }

    /// <summary>Packs <paramref name="folder"/> under <paramref name="topFolder"/>/, leaving out its <c>static/</c> folder.</summary>
    public static MemoryStream FromFolder(string folder, string topFolder) => Pack(writer =>
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative.StartsWith("static/", StringComparison.Ordinal))
                continue;
            writer.WriteEntry(file, $"{topFolder}/{relative}");
        }
    });

    /// <summary>Packs text files by entry name, then lets <paramref name="extra"/> write more entries.</summary>
    public static MemoryStream FromFiles(IReadOnlyDictionary<string, string> files, Action<TarWriter>? extra = null) => Pack(writer =>
    {
        foreach (var (name, content) in files)
            AddFile(writer, name, content);
        extra?.Invoke(writer);
    });

    public static void AddFile(TarWriter writer, string name, string content) => AddFile(writer, name, Encoding.UTF8.GetBytes(content));

    public static void AddFile(TarWriter writer, string name, byte[] content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });

    private static MemoryStream Pack(Action<TarWriter> write)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            write(writer);
        output.Position = 0;
        return output;
    }
}
