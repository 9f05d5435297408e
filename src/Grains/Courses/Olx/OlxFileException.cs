namespace Actors.Grains.Courses.Olx;

/// <summary>A file of the export that exists but may not be read; the reader reports it as a problem on that file.</summary>
internal sealed class OlxFileException(string message) : Exception(message);
