using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Actors.Grains.Courses.Content;
using Actors.Grains.Keys;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// Reads an OLX course from any <see cref="IOlxFileSource"/> into <see cref="CourseContent"/>. See
/// <see cref="OlxImporter"/> for the rules. Collects every problem it can before giving up, then throws them together.
/// </summary>
internal sealed class OlxCourseReader
{
    private static readonly HashSet<string> Containers = ["course", "chapter", "sequential", "vertical"];
    private static readonly HashSet<string> CourseMetadata = ["wiki", "textbook"];

    private readonly OlxFileReader _files;
    private readonly OlxImportLimits _limits;
    private readonly OlxProblemList _problems;
    private readonly List<ContentBlock> _blocks = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openFiles = new(StringComparer.Ordinal);
    private readonly CourseKey? _target;
    private OlxPolicy? _policy;
    private CourseKey? _course;
    private string _rootId = "";

    private OlxCourseReader(IOlxFileSource source, OlxImportLimits limits, OlxProblemList problems, CourseKey? target) =>
        (_files, _limits, _problems, _target) = (new OlxFileReader(source, problems), limits, problems, target);

    /// <summary>The course in <paramref name="source"/>, keyed in <paramref name="target"/> when given (else in the course
    /// <c>course.xml</c> names); throws <see cref="OlxImportException"/> listing every problem found.</summary>
    public static CourseContent Read(IOlxFileSource source, OlxImportLimits limits, CourseKey? target = null)
    {
        var problems = new OlxProblemList();
        var reader = new OlxCourseReader(source, limits, problems, target);
        try
        {
            reader.ReadCourse();
        }
        catch (OlxLimitExceededException e)
        {
            problems.Add(OlxImportException.ArchivePath, e.Message);
        }

        problems.ThrowIfAny();
        return new CourseContent(reader._blocks.ToArray());
    }

    private void ReadCourse()
    {
        var root = _files.ReadXml(OlxPaths.CourseXml, out var missing);
        if (root is null)
        {
            if (missing)
                _problems.Add(OlxPaths.CourseXml, "The export has no course.xml.");
            return;
        }

        if (root.Name.LocalName != "course")
        {
            _problems.Add(OlxPaths.CourseXml, $"The root element must be <course>, not <{root.Name.LocalName}>.");
            return;
        }

        var (org, number, run) = (KeyPart(root, "org"), KeyPart(root, "course"), KeyPart(root, "url_name"));
        if (org is null || number is null || run is null)
            return;
        // Studio's import into a course re-keys the export into that course; without one, course.xml names it.
        _course = _target ?? CourseKey.Parse($"course-v1:{org}+{number}+{run}");
        _rootId = RootBlockId(_course);
        _policy = OlxPolicy.Load(_files, run);

        var (course, file) = (root, OlxPaths.CourseXml);
        if (OlxPointer.Is(root, "url_name", "org", "course"))
        {
            file = $"course/{run}.xml";
            var loaded = _files.ReadXml(file, out missing);
            if (loaded is null)
            {
                if (missing)
                    _problems.Add(OlxPaths.CourseXml, $"course.xml points to {file}, which does not exist.");
                return;
            }

            course = loaded;
            if (course.Name.LocalName != "course")
            {
                _problems.Add(file, $"The file should hold a <course>, not a <{course.Name.LocalName}>.");
                return;
            }
        }

        _openFiles.Add(file);
        AddBlock("course", run, course, file, depth: 0);
    }

    private string? KeyPart(XElement course, string attribute)
    {
        var value = course.Attribute(attribute)?.Value;
        if (value is not null && OlxPaths.IsValidKeyPart(value))
            return value;
        _problems.Add(OlxPaths.CourseXml,
            $"<course> needs a {attribute} attribute made of letters, digits, _, -, ~ and . (found \"{value}\").");
        return null;
    }

    private string? VisitChild(XElement element, string file, string parentId, int position, int depth)
    {
        var type = element.Name.LocalName;
        if (!OlxPaths.IsValidType(type))
        {
            _problems.Add(file, $"<{type}> is not a valid block type.");
            return null;
        }

        var urlName = element.Attribute("url_name")?.Value;
        if (urlName is not null && !OlxPaths.IsValidUrlName(urlName))
        {
            _problems.Add(file, $"<{type} url_name=\"{urlName}\">: a url_name holds only letters, digits, _, -, ~, . and :.");
            return null;
        }

        if (urlName is null || !OlxPointer.Is(element, "url_name"))
            return AddBlock(type, urlName ?? GeneratedUrlName(type, parentId, position), element, file, depth);

        var path = OlxPaths.PointerPath(type, urlName);
        if (path is null)
        {
            _problems.Add(file, $"<{type} url_name=\"{urlName}\"> does not name a file inside the export.");
            return null;
        }

        if (_openFiles.Contains(path))
        {
            _problems.Add(file, $"<{type} url_name=\"{urlName}\"> points to {path}, which contains it: a cycle.");
            return null;
        }

        var definition = _files.ReadXml(path, out var missing);
        if (definition is null)
        {
            if (missing)
                _problems.Add(file, $"<{type} url_name=\"{urlName}\"> points to {path}, which does not exist.");
            return null;
        }

        if (definition.Name.LocalName != type)
        {
            _problems.Add(path, $"The file should hold a <{type}>, not a <{definition.Name.LocalName}>.");
            return null;
        }

        _openFiles.Add(path);
        try
        {
            return AddBlock(type, urlName, definition, path, depth);
        }
        finally
        {
            _openFiles.Remove(path);
        }
    }

    private string? AddBlock(string type, string urlName, XElement element, string file, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            _problems.Add(file, $"<{type}> is nested deeper than {_limits.MaxDepth} levels.");
            return null;
        }

        if (_ids.Count >= _limits.MaxBlocks)
            throw new OlxLimitExceededException($"The course has more than {_limits.MaxBlocks} blocks.");
        string id;
        try
        {
            id = _course!.MakeUsageKey(type, type == "course" ? _rootId : urlName).ToString();
        }
        catch (InvalidKeyException e)
        {
            _problems.Add(file, $"{type} \"{urlName}\" cannot be a block of {_course}: {e.Message}");
            return null;
        }

        if (!_ids.Add(id))
        {
            _problems.Add(file, $"{type} \"{urlName}\" appears more than once in the course.");
            return null;
        }

        var fields = new OlxFields(element, file, _policy!.For(type, urlName), _policy.Path, $"{type} \"{urlName}\"", _problems);
        List<string>? children = Containers.Contains(type) ? [] : null;
        _blocks.Add(new ContentBlock(
            id, type, fields.String("display_name"), children, fields.Date("start"), fields.Date("due"),
            fields.Bool("graded"), fields.String("format"), fields.Bool("visible_to_staff_only"), fields.Bool("hide_from_toc"),
            fields.Number("weight"),
            Data: type is "problem" or "openassessment" ? element.ToString(SaveOptions.DisableFormatting) : null,
            Course: type == "course" ? OlxCourseSettings.Read(fields, _files) : null,
            HasScore: fields.Bool("has_score"), Points: fields.Number("points")));

        if (children is null)
            return id;
        var position = 0;
        foreach (var child in element.Elements())
        {
            var index = position++;
            if (type == "course" && CourseMetadata.Contains(child.Name.LocalName))
                continue;
            if (VisitChild(child, file, id, index, depth + 1) is { } childId)
                children.Add(childId);
        }

        return id;
    }

    /// <summary>The block id of the course root: <c>course</c> in a <c>course-v1:</c> course (split modulestore), the run in
    /// a deprecated <c>{org}/{course}/{run}</c> one (<c>i4x://{org}/{course}/course/{run}</c>, as Open edX's old modulestore
    /// named it).</summary>
    internal static string RootBlockId(CourseKey course) => course.IsDeprecated ? course.Run : "course";

    /// <summary>The url_name of an inline block that has none: <c>{type}_</c> and 12 hex digits of the SHA-256 of <c>{parent usage key}#{position}</c>.</summary>
    internal static string GeneratedUrlName(string type, string parentId, int position)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{parentId}#{position}"));
        return $"{type}_{Convert.ToHexStringLower(hash)[..12]}";
    }
}
