namespace Actors.Grains.Courses.Olx;

/// <summary>Bounds on what an OLX import reads; anything beyond them is reported as an <see cref="OlxImportException"/>.</summary>
/// <param name="MaxArchiveBytes">The size of the <c>.tar.gz</c> as uploaded (compressed bytes read).</param>
/// <param name="MaxUnpackedBytes">The size of the tar inside it (decompressed bytes, every entry counted, skipped ones too).</param>
/// <param name="MaxFiles">Archive entries (every file entry, skipped ones too); for a folder, files read.</param>
/// <param name="MaxFileBytes">The size of one file the import reads (<c>.xml</c>, <c>.json</c>, <c>about/*.html</c>).</param>
/// <param name="MaxContentBytes">The total size of the files the import keeps in memory or reads.</param>
/// <param name="MaxBlocks">Blocks in the course, the root included.</param>
/// <param name="MaxDepth">How deep blocks nest; the course is depth 0, its chapters depth 1.</param>
public sealed record OlxImportLimits(
    long MaxArchiveBytes = 100L * 1024 * 1024,
    long MaxUnpackedBytes = 1024L * 1024 * 1024,
    int MaxFiles = 20_000,
    long MaxFileBytes = 5L * 1024 * 1024,
    long MaxContentBytes = 100L * 1024 * 1024,
    int MaxBlocks = 20_000,
    int MaxDepth = 20)
{
    /// <summary>The defaults: 100 MB archive, 1 GB unpacked, 20 000 files of at most 5 MB (100 MB in all), 20 000 blocks, depth 20.</summary>
    public static OlxImportLimits Default { get; } = new();
}
