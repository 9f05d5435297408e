using System.Formats.Tar;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// Collects the entries of an archive while it streams by. The course folder is not known until the end (it is the
/// root or a top-level folder), so a file is kept when it may be needed under either.
/// </summary>
internal sealed class OlxArchiveEntries(OlxImportLimits limits, OlxProblemList problems)
{
    private int _files;
    private long _keptBytes;

    /// <summary>Kept files by normalised archive path.</summary>
    public Dictionary<string, byte[]> Kept { get; } = new(StringComparer.Ordinal);

    /// <summary>Files that may be needed but exceed <see cref="OlxImportLimits.MaxFileBytes"/>; a problem only if read.</summary>
    public HashSet<string> TooLarge { get; } = new(StringComparer.Ordinal);

    public async Task AddAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            return;
        var path = OlxPaths.NormalizeEntryName(entry.Name);
        if (path is null)
        {
            problems.Add(entry.Name, "The entry's name is absolute or leaves the archive (..); such entries are refused.");
            return;
        }

        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                return;
            case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                problems.Add(path, "Links are not allowed in an OLX export.");
                return;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                break;
            default:
                problems.Add(path, $"Entries of type {entry.EntryType} are not allowed in an OLX export.");
                return;
        }

        if (++_files > limits.MaxFiles)
            throw new OlxLimitExceededException($"The archive has more than {limits.MaxFiles} files.");
        if (!MayBeNeeded(path))
            return;
        if (entry.Length > limits.MaxFileBytes)
        {
            TooLarge.Add(path);
            return;
        }

        if ((_keptBytes += entry.Length) > limits.MaxContentBytes)
            throw new OlxLimitExceededException($"The archive's course files exceed {limits.MaxContentBytes} bytes in all.");
        using var buffer = new MemoryStream((int)entry.Length);
        if (entry.DataStream is { } data)
            await data.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        Kept[path] = buffer.ToArray();
    }

    private static bool MayBeNeeded(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return OlxPaths.IsNeeded(path) || (slash > 0 && OlxPaths.IsNeeded(path[(slash + 1)..]));
    }
}
