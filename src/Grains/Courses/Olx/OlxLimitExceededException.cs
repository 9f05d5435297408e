namespace Actors.Grains.Courses.Olx;

/// <summary>A limit on the export as a whole was exceeded; the import stops and reports it on <see cref="OlxImportException.ArchivePath"/>.</summary>
internal sealed class OlxLimitExceededException(string message) : Exception(message);
