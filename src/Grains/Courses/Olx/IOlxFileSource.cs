namespace Actors.Grains.Courses.Olx;

/// <summary>
/// The files of one OLX export, as the shared reader sees them: an archive unpacked in memory
/// (<see cref="OlxArchiveSource"/>) or a folder on disk (<see cref="OlxDirectorySource"/>).
/// </summary>
internal interface IOlxFileSource
{
    /// <summary>
    /// The bytes of <paramref name="path"/> (relative to the folder holding <c>course.xml</c>, <c>/</c>-separated), or
    /// null when there is no such file or the import never reads it (see <see cref="OlxPaths.IsNeeded"/>). Throws
    /// <see cref="OlxFileException"/> when the file exists but may not be read (too large, a link).
    /// </summary>
    byte[]? Read(string path);
}
