using Actors.Grains.Courses.Content;
using Actors.Grains.Keys;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// Imports an Open edX course export (OLX, as Studio exports it) as publish content. Both entry points share one
/// reader, so a folder and the same folder packed as a <c>.tar.gz</c> give identical content.
/// <list type="bullet">
/// <item><c>course.xml</c> (<c>&lt;course url_name="Run" org="Org" course="Number"/&gt;</c>) names the course the export
/// came from: usage keys are <c>block-v1:Org+Number+Run+type@{type}+block@{url_name}</c>, and the root is
/// <c>block-v1:Org+Number+Run+type@course+block@course</c> (as Open edX names a course-v1 root). Imported into a given
/// course (the overloads taking a <see cref="CourseKey"/>), the export is re-keyed into that course as Studio's import
/// does, whatever <c>course.xml</c> names: <c>{that course}.MakeUsageKey(type, url_name)</c>, the root's id being
/// <c>course</c>, or the run for a deprecated <c>Org/Course/Run</c> course (<c>i4x://Org/Course/course/Run</c>).
/// <c>policies/{url_name}/policy.json</c> is still found by the export's own run.</item>
/// <item>A child element with only a <c>url_name</c> attribute and no content is a pointer to
/// <c>{type}/{url_name}.xml</c>, whose root element must be a <c>{type}</c>. Any other child is an inline block
/// defined where it stands; its id is its <c>url_name</c>, or, when it has none,
/// <c>{type}_{12 hex digits of SHA-256("{parent usage key}#{position}")}</c>, where position counts the parent's child
/// elements from 0 (stable across re-imports of an unchanged parent).</item>
/// <item><c>course</c>, <c>chapter</c>, <c>sequential</c> and <c>vertical</c> hold children; every other element is a
/// component whose children are not imported (<c>library_content</c> keeps no children). <c>&lt;wiki&gt;</c> and
/// <c>&lt;textbook&gt;</c> under the course are course metadata, not blocks.</item>
/// <item>Fields: <c>display_name</c>, <c>start</c>, <c>due</c> (ISO 8601, quotes allowed, no offset = UTC),
/// <c>graded</c>, <c>visible_to_staff_only</c>, <c>hide_from_toc</c> (<c>true</c>/<c>false</c>), <c>format</c>,
/// <c>weight</c>, <c>has_score</c>, <c>points</c>; a problem's or ORA's <c>Data</c> is its whole <c>&lt;problem&gt;</c> or
/// <c>&lt;openassessment&gt;</c> element. Other components keep only
/// their type and fields. <c>policies/{run}/policy.json</c> entries (<c>"type/url_name"</c>) override attributes.</item>
/// <item>The root also carries <see cref="CourseSettings"/> (see the course attributes, policy and
/// <c>about/short_description.html</c>, <c>about/effort.html</c>).</item>
/// <item>Only <c>.xml</c>, <c>.json</c> and <c>about/*.html</c> files are read; <c>static/</c>, <c>assets/</c>,
/// <c>info/</c>, <c>tabs/</c> and <c>drafts/</c> are skipped unread.</item>
/// </list>
/// Malformed XML or JSON, pointers to missing files, cycles, blocks that appear twice, bad values, unsafe archive
/// entries and exceeded <see cref="OlxImportLimits"/> throw an <see cref="OlxImportException"/> listing them by path.
/// </summary>
public static class OlxImporter
{
    /// <summary>
    /// Imports a <c>.tar.gz</c> export, read entirely in memory (nothing is extracted to disk). The course folder is
    /// the archive root when it holds <c>course.xml</c>, else the single top-level folder that does. Absolute entry
    /// names, <c>..</c>, links and device entries are refused.
    /// </summary>
    public static async Task<CourseContent> ImportArchiveAsync(Stream gzipTar, OlxImportLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gzipTar);
        ArgumentNullException.ThrowIfNull(limits);
        var source = await OlxArchiveSource.LoadAsync(gzipTar, limits, cancellationToken).ConfigureAwait(false);
        return OlxCourseReader.Read(source, limits);
    }

    /// <summary>
    /// Imports a <c>.tar.gz</c> export (as <see cref="ImportArchiveAsync(Stream, OlxImportLimits, CancellationToken)"/>)
    /// into <paramref name="course"/>: every usage key is a key of that course, whatever <c>course.xml</c> names.
    /// </summary>
    public static async Task<CourseContent> ImportArchiveAsync(Stream gzipTar, OlxImportLimits limits, CourseKey course,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gzipTar);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(course);
        var source = await OlxArchiveSource.LoadAsync(gzipTar, limits, cancellationToken).ConfigureAwait(false);
        return OlxCourseReader.Read(source, limits, course);
    }

    /// <summary>
    /// Imports an export unpacked in a folder: <paramref name="path"/> holds <c>course.xml</c>, or has a single
    /// subfolder that does. Symbolic links inside it are refused.
    /// </summary>
    public static CourseContent ImportDirectory(string path, OlxImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        var source = OlxDirectorySource.Open(path, limits) ?? throw new OlxImportException(
            [new OlxImportProblem(OlxPaths.CourseXml, "The folder has no course.xml, neither at its top nor in a single subfolder.")]);
        return OlxCourseReader.Read(source, limits);
    }
}
