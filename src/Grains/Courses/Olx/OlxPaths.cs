using System.Text.RegularExpressions;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// Paths inside an OLX export, always relative to the folder holding <c>course.xml</c> and separated by <c>/</c>.
/// The import reads only <c>.xml</c> and <c>.json</c> files and <c>about/*.html</c>; the folders
/// <see cref="SkippedFolders"/> (static files, assets, course info, tabs, drafts) are never read.
/// </summary>
internal static partial class OlxPaths
{
    public const string CourseXml = "course.xml";

    public static readonly IReadOnlySet<string> SkippedFolders =
        new HashSet<string>(["static", "assets", "info", "tabs", "drafts"], StringComparer.Ordinal);

    /// <summary>Whether the import may need <paramref name="path"/> (relative to the course folder).</summary>
    public static bool IsNeeded(string path)
    {
        var segments = path.Split('/');
        if (segments.Length > 1 && SkippedFolders.Contains(segments[0]))
            return false;
        if (path.EndsWith(".xml", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal))
            return true;
        return segments is ["about", var name] && name.EndsWith(".html", StringComparison.Ordinal);
    }

    /// <summary>
    /// The file a pointer <c>&lt;type url_name="name"/&gt;</c> names: <c>type/name.xml</c>, where a <c>:</c> in the
    /// name stands for a folder separator (as Open edX exports it). Null when the type or name is not a valid
    /// OLX name or would leave the folder.
    /// </summary>
    public static string? PointerPath(string type, string urlName)
    {
        if (!IsValidType(type) || !IsValidUrlName(urlName))
            return null;
        var path = $"{type}/{urlName.Replace(':', '/')}.xml";
        return path.Split('/').All(IsPlainSegment) ? path : null;
    }

    /// <summary>A block type: an element name made of word characters, <c>-</c> and <c>.</c>.</summary>
    public static bool IsValidType(string type) => TypePattern().IsMatch(type) && IsPlainSegment(type);

    /// <summary>A <c>url_name</c>, usable as the block id of a usage key: <c>[\w\-~.:]+</c>.</summary>
    public static bool IsValidUrlName(string urlName) => UrlNamePattern().IsMatch(urlName);

    /// <summary>An org, course number or run of a <c>course-v1</c> key: <c>[\w\-~.]+</c> (no <c>+</c>, <c>:</c> or <c>/</c>).</summary>
    public static bool IsValidKeyPart(string part) => KeyPartPattern().IsMatch(part);

    /// <summary>
    /// Normalises an archive entry name (drops leading <c>./</c> and a trailing <c>/</c>); null when it is absolute,
    /// climbs out with <c>..</c>, uses <c>\</c> or is empty.
    /// </summary>
    public static string? NormalizeEntryName(string name)
    {
        if (name.Contains('\\') || name.Contains('\0') || name.StartsWith('/') || (name.Length > 1 && name[1] == ':'))
            return null;
        var segments = name.Split('/').Where(s => s.Length > 0 && s != ".").ToArray();
        if (segments.Length == 0 || segments.Any(s => s == ".."))
            return null;
        return string.Join('/', segments);
    }

    private static bool IsPlainSegment(string segment) => segment.Length > 0 && segment != "." && segment != "..";

    [GeneratedRegex(@"^[\w\-.]+\z")]
    private static partial Regex TypePattern();

    [GeneratedRegex(@"^[\w\-~.:]+\z")]
    private static partial Regex UrlNamePattern();

    [GeneratedRegex(@"^[\w\-~.]+\z")]
    private static partial Regex KeyPartPattern();
}
