namespace Actors.Grains.Courses.Olx;

/// <summary>
/// An OLX export unpacked in a folder. Files are read on demand, only the ones <see cref="OlxPaths.IsNeeded"/> allows;
/// a symbolic link on the way to a file is refused, so the import never leaves the folder.
/// </summary>
internal sealed class OlxDirectorySource : IOlxFileSource
{
    private readonly string _root;
    private readonly OlxImportLimits _limits;
    private int _files;
    private long _bytes;

    private OlxDirectorySource(string root, OlxImportLimits limits) => (_root, _limits) = (root, limits);

    /// <summary>
    /// The source for <paramref name="path"/>: the folder itself when it holds <c>course.xml</c>, else its single
    /// subfolder that does (as an unpacked Studio export). Null when neither exists.
    /// </summary>
    public static OlxDirectorySource? Open(string path, OlxImportLimits limits)
    {
        var root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
            return null;
        if (File.Exists(Path.Combine(root, OlxPaths.CourseXml)))
            return new OlxDirectorySource(root, limits);
        var candidates = Directory.GetDirectories(root)
            .Where(d => new DirectoryInfo(d).LinkTarget is null && File.Exists(Path.Combine(d, OlxPaths.CourseXml)))
            .ToArray();
        return candidates.Length == 1 ? new OlxDirectorySource(candidates[0], limits) : null;
    }

    public byte[]? Read(string path)
    {
        if (!OlxPaths.IsNeeded(path))
            return null;
        var full = _root;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            full = Path.Combine(full, segments[i]);
            FileSystemInfo info = i < segments.Length - 1 ? new DirectoryInfo(full) : new FileInfo(full);
            if (!info.Exists)
                return null;
            if (info.LinkTarget is not null)
                throw new OlxFileException("Symbolic links are not allowed in an OLX export.");
        }

        var length = new FileInfo(full).Length;
        if (length > _limits.MaxFileBytes)
            throw new OlxFileException($"The file is larger than {_limits.MaxFileBytes} bytes.");
        if (++_files > _limits.MaxFiles)
            throw new OlxLimitExceededException($"The export needs more than {_limits.MaxFiles} files.");
        if ((_bytes += length) > _limits.MaxContentBytes)
            throw new OlxLimitExceededException($"The files read exceed {_limits.MaxContentBytes} bytes in all.");
        return File.ReadAllBytes(full);
    }
}
