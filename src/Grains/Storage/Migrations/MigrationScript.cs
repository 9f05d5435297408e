using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Grains.Storage.Migrations;

/// <summary>Which database a set of migration scripts is written for.</summary>
internal enum SchemaStore
{
    Postgres,
    Sqlite,
}

/// <summary>A versioned schema change of one module.</summary>
internal sealed partial record MigrationScript(string Module, int Version, string Name, string Sql)
{
    /// <summary>The scripts of <paramref name="modules"/> for <paramref name="store"/>: module by module in the given
    /// order, each in version order.</summary>
    public static IReadOnlyList<MigrationScript> Load(SchemaStore store, IEnumerable<SchemaModule> modules) =>
        modules.SelectMany(module => Load(store, module)).ToList();

    private static IEnumerable<MigrationScript> Load(SchemaStore store, SchemaModule module)
    {
        var prefix = store == SchemaStore.Postgres ? module.PostgresResources : module.SqliteResources;
        var scripts = module.Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(module, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(script => script.Version)
            .ToList();
        var duplicate = scripts.GroupBy(script => script.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Module '{module.Name}' has two {store} migrations numbered {duplicate.Key}.");
        return scripts;
    }

    private static MigrationScript Read(SchemaModule module, string resource, string fileName)
    {
        var match = FileName().Match(fileName);
        if (!match.Success)
            throw new InvalidOperationException($"Migration '{fileName}.sql' of module '{module.Name}' must be named NNNN_description.sql.");
        using var reader = new StreamReader(module.Assembly.GetManifestResourceStream(resource)!);
        return new MigrationScript(module.Name, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd());
    }

    // MSBuild prefixes a resource file name that starts with a digit with '_'.
    [GeneratedRegex(@"^_?(\d+)_(.+)$")]
    private static partial Regex FileName();
}
