using System.Globalization;

namespace Actors.TestSupport.Postgres;

/// <summary>
/// Finds the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>): first through <c>PATH</c>
/// (symbolic links followed to the real directory), then in <c>/usr/lib/postgresql/*/bin</c>, newest version first
/// (where the Debian <c>postgresql</c> package puts them; they are not on <c>PATH</c> there).
/// </summary>
internal static class PostgresBinaries
{
    /// <summary>Where Debian's packages install one folder per major version.</summary>
    public const string DebianRoot = "/usr/lib/postgresql";

    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The directory holding all server programs; throws <see cref="PostgresUnavailableException"/> if none.</summary>
    public static string FindDirectory() =>
        FindDirectory(Environment.GetEnvironmentVariable("PATH") ?? "", DebianRoot);

    /// <summary>As <see cref="FindDirectory()"/>, with the search places given (for tests).</summary>
    public static string FindDirectory(string pathVariable, string debianRoot)
    {
        var searched = new List<string>();
        foreach (var directory in Candidates(pathVariable, debianRoot))
        {
            searched.Add(directory);
            if (Required.All(program => File.Exists(Path.Combine(directory, program))))
                return directory;
        }

        var where = searched.Count == 0 ? "" : $" (incomplete installations seen in: {string.Join(", ", searched)})";
        throw new PostgresUnavailableException(
            $"PostgreSQL server binaries ({string.Join(", ", Required)}) were not found on PATH or in " +
            $"{debianRoot}/*/bin{where}, so no throwaway test PostgreSQL can be started.");
    }

    private static IEnumerable<string> Candidates(string pathVariable, string debianRoot)
    {
        foreach (var entry in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(entry, "initdb");
            if (!File.Exists(initdb)) continue;
            var real = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
            yield return Path.GetDirectoryName(Path.GetFullPath(real))!;
        }

        if (!Directory.Exists(debianRoot)) yield break;
        foreach (var version in Directory.GetDirectories(debianRoot).OrderByDescending(VersionOf))
            yield return Path.Combine(version, "bin");
    }

    private static double VersionOf(string versionDirectory) =>
        double.TryParse(Path.GetFileName(versionDirectory), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : -1;
}
