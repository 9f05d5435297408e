using System.Reflection;
using System.Text.RegularExpressions;

namespace Actors.Runtime.Storage;

/// <summary>A versioned schema change, read from the <c>.sql</c> files embedded in this assembly
/// (<c>Storage/{Store}/Migrations/NNNN_name.sql</c>).</summary>
internal sealed partial record MigrationScript(int Version, string Name, string Sql)
{
    /// <summary>The scripts of <paramref name="store"/> ("Postgres" or "Sqlite"), in version order.</summary>
    public static IReadOnlyList<MigrationScript> Load(string store)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = $"{assembly.GetName().Name}.Storage.{store}.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(script => script.Version)
            .ToList();
    }

    private static MigrationScript Read(Assembly assembly, string resource, string fileName)
    {
        var match = FileName().Match(fileName);
        if (!match.Success)
            throw new InvalidOperationException($"Migration '{fileName}.sql' must be named NNNN_description.sql.");
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return new MigrationScript(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^_?(\d+)_(.+)$")]
    private static partial Regex FileName();
}
