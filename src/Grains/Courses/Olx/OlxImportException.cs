namespace Actors.Grains.Courses.Olx;

/// <summary>
/// An OLX export that cannot be imported: malformed XML, a pointer to a missing file, a cycle, a missing
/// <c>course.xml</c>, a bad value, an unsafe archive entry or a limit exceeded. The API answers it with a 400 whose
/// <c>errors</c> are <see cref="ErrorsByPath"/>.
/// </summary>
public sealed class OlxImportException : Exception
{
    /// <summary>The <see cref="OlxImportProblem.Path"/> of problems about the export as a whole (its format or size).</summary>
    public const string ArchivePath = "(archive)";

    /// <summary>Creates the exception; <paramref name="problems"/> must not be empty.</summary>
    public OlxImportException(IReadOnlyList<OlxImportProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Every problem found, in the order found (at most 100, plus one saying more were left out).</summary>
    public IReadOnlyList<OlxImportProblem> Problems { get; }

    /// <summary>The problems' messages grouped by path, in the shape of ProblemDetails <c>errors</c>.</summary>
    public IReadOnlyDictionary<string, string[]> ErrorsByPath() =>
        Problems.GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);

    private static string Describe(IReadOnlyList<OlxImportProblem> problems)
    {
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        var first = problems[0];
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "";
        return $"The OLX export cannot be imported: {first.Path}: {first.Message}{more}";
    }
}
