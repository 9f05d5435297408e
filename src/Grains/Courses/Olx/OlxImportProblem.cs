namespace Actors.Grains.Courses.Olx;

/// <summary>One reason an OLX export was rejected.</summary>
/// <param name="Path">The file inside the export, relative to the folder holding <c>course.xml</c> (e.g.
/// <c>sequential/abc.xml</c>); for an unsafe archive entry, the entry's name as the archive spells it (e.g.
/// <c>../evil.xml</c>); <see cref="OlxImportException.ArchivePath"/> for the export as a whole (format, size).</param>
/// <param name="Message">What is wrong, for a course author.</param>
public sealed record OlxImportProblem(string Path, string Message);
