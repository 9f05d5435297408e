using System.Formats.Tar;
using System.IO.Compression;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// An OLX export read from a <c>.tar.gz</c> entirely in memory, never extracted to disk. Only the files the import may
/// need are kept (<see cref="OlxPaths.IsNeeded"/>); everything else (static files, html bodies, ...) is skipped
/// unread. The course folder is the archive root when it holds <c>course.xml</c>, else the single top-level folder
/// that does. Absolute names, <c>..</c>, links and device entries are refused.
/// </summary>
internal sealed class OlxArchiveSource : IOlxFileSource
{
    private readonly Dictionary<string, byte[]> _files;
    private readonly HashSet<string> _tooLarge;
    private readonly long _maxFileBytes;

    private OlxArchiveSource(Dictionary<string, byte[]> files, HashSet<string> tooLarge, long maxFileBytes) =>
        (_files, _tooLarge, _maxFileBytes) = (files, tooLarge, maxFileBytes);

    public byte[]? Read(string path)
    {
        if (!OlxPaths.IsNeeded(path))
            return null;
        if (_tooLarge.Contains(path))
            throw new OlxFileException($"The file is larger than {_maxFileBytes} bytes.");
        return _files.GetValueOrDefault(path);
    }

    /// <summary>Reads <paramref name="gzipTar"/>; throws <see cref="OlxImportException"/> for an unsafe or oversized archive or one without <c>course.xml</c>.</summary>
    public static async Task<OlxArchiveSource> LoadAsync(Stream gzipTar, OlxImportLimits limits, CancellationToken cancellationToken)
    {
        var problems = new OlxProblemList();
        var entries = new OlxArchiveEntries(limits, problems);
        try
        {
            var compressed = new OlxLimitedStream(gzipTar, limits.MaxArchiveBytes, "archive");
            await using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            var unpacked = new OlxLimitedStream(gzip, limits.MaxUnpackedBytes, "unpacked archive");
            await using var tar = new TarReader(unpacked, leaveOpen: true);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                await entries.AddAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (OlxLimitExceededException e)
        {
            problems.Add(OlxImportException.ArchivePath, e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or OverflowException)
        {
            problems.Add(OlxImportException.ArchivePath, $"Not a valid .tar.gz archive: {e.Message}");
        }

        problems.ThrowIfAny();
        var root = FindRoot(entries.Kept.Keys, problems);
        problems.ThrowIfAny();
        return new OlxArchiveSource(Relative(entries.Kept, root!), Relative(entries.TooLarge, root!), limits.MaxFileBytes);
    }

    private static string? FindRoot(IEnumerable<string> paths, OlxProblemList problems)
    {
        var all = paths.ToHashSet(StringComparer.Ordinal);
        if (all.Contains(OlxPaths.CourseXml))
            return "";
        var folders = all.Select(p => p.Split('/'))
            .Where(s => s is [_, OlxPaths.CourseXml])
            .Select(s => s[0] + "/")
            .ToArray();
        if (folders.Length == 1)
            return folders[0];
        problems.Add(OlxPaths.CourseXml, folders.Length == 0
            ? "The archive has no course.xml, neither at its root nor in a single top-level folder."
            : $"Several top-level folders hold a course.xml: {string.Join(", ", folders.Order(StringComparer.Ordinal))}.");
        return null;
    }

    private static Dictionary<string, byte[]> Relative(Dictionary<string, byte[]> files, string root) =>
        files.Where(f => f.Key.StartsWith(root, StringComparison.Ordinal) && OlxPaths.IsNeeded(f.Key[root.Length..]))
            .ToDictionary(f => f.Key[root.Length..], f => f.Value, StringComparer.Ordinal);

    private static HashSet<string> Relative(HashSet<string> paths, string root) =>
        paths.Where(p => p.StartsWith(root, StringComparison.Ordinal))
            .Select(p => p[root.Length..])
            .ToHashSet(StringComparer.Ordinal);
}
