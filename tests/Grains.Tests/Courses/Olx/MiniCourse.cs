using System.Formats.Tar;
using Actors.Grains.Courses.Content;
using Actors.Grains.Courses.Olx;

namespace Actors.Grains.Tests.Courses.Olx;

/// <summary>A small hand-made OLX course under the top-level folder <c>export/</c>; tests change files to break it.</summary>
internal static class MiniCourse
{
    public const string Prefix = "block-v1:Org+C1+Run1+type@";

    public static Dictionary<string, string> Files() => new()
    {
        ["export/course.xml"] = """<course url_name="Run1" org="Org" course="C1"/>""",
        ["export/course/Run1.xml"] = """<course display_name="Mini" start="2030-01-01T00:00:00Z"><chapter url_name="ch1"/><wiki slug="Org.C1.Run1"/></course>""",
        ["export/chapter/ch1.xml"] = """<chapter display_name="Chapter 1"><sequential url_name="s1"/></chapter>""",
        ["export/sequential/s1.xml"] = """<sequential display_name="S1" graded="true" format="Homework" due="2030-02-01T00:00:00Z"><vertical url_name="v1"/></sequential>""",
        ["export/vertical/v1.xml"] = """<vertical display_name="V1"><problem url_name="p1"/></vertical>""",
        ["export/problem/p1.xml"] = """<problem display_name="P1" weight="2"><multiplechoiceresponse/></problem>""",
    };

    /// <summary>Packs <paramref name="files"/> (and <paramref name="extra"/> entries) and imports the archive.</summary>
    public static async Task<CourseContent> ImportAsync(IReadOnlyDictionary<string, string> files, OlxImportLimits? limits = null, Action<TarWriter>? extra = null)
    {
        using var archive = OlxTestArchives.FromFiles(files, extra);
        return await OlxImporter.ImportArchiveAsync(archive, limits ?? OlxImportLimits.Default);
    }
}
