namespace Actors.Grains.Courses.Olx;

/// <summary>Problems collected during one import, capped so a broken export yields a readable answer.</summary>
internal sealed class OlxProblemList
{
    /// <summary>How many problems are listed; one more entry says that others were left out.</summary>
    public const int MaxProblems = 100;

    private readonly List<OlxImportProblem> _problems = [];

    public bool Any => _problems.Count > 0;

    public void Add(string path, string message)
    {
        if (_problems.Count < MaxProblems)
            _problems.Add(new OlxImportProblem(path, message));
        else if (_problems.Count == MaxProblems)
            _problems.Add(new OlxImportProblem(OlxImportException.ArchivePath, "More problems were found and are not listed."));
    }

    /// <summary>Throws the <see cref="OlxImportException"/> when any problem was found.</summary>
    public void ThrowIfAny()
    {
        if (Any)
            throw new OlxImportException(_problems.ToArray());
    }
}
