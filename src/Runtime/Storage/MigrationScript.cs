using System.Reflection;
using System.Text.RegularExpressions;

namespace Actors.Runtime.Storage;

/// <summary>
/// A set of tables owned by one assembly (the runtime's own, or a grain assembly's domain tables), with its migrations
/// embedded as <c>{Store}/Migrations/NNNN_name.sql</c> resources (any folder above; <c>{Store}</c> is <c>Postgres</c> or
/// <c>Sqlite</c>). Versions count per module.
/// </summary>
/// <param name="Name">The module name recorded with each applied migration.</param>
/// <param name="Assembly">The assembly whose embedded scripts are the module's migrations.</param>
public sealed record SchemaModule(string Name, Assembly Assembly)
{
    /// <summary>The runtime's own tables (grain state, reminders, membership).</summary>
    public static SchemaModule Runtime { get; } = new("runtime", typeof(SchemaModule).Assembly);
}

/// <summary>The schema modules a silo migrates at start: the runtime's, then those added with
/// <see cref="Hosting.SiloBuilder.AddSchemaModule"/>.</summary>
internal sealed class SchemaModules
{
    private readonly List<SchemaModule> _modules = [SchemaModule.Runtime];

    public IReadOnlyList<SchemaModule> All => _modules;

    public void Add(SchemaModule module)
    {
        if (!_modules.Any(m => m.Name == module.Name))
            _modules.Add(module);
    }
}

/// <summary>A versioned schema change of one module.</summary>
internal sealed partial record MigrationScript(string Module, int Version, string Name, string Sql)
{
    /// <summary>The scripts of <paramref name="modules"/> for <paramref name="store"/> ("Postgres" or "Sqlite"): module by
    /// module in the given order, each in version order.</summary>
    public static IReadOnlyList<MigrationScript> Load(string store, IEnumerable<SchemaModule> modules) =>
        modules.SelectMany(module => Load(store, module)).ToList();

    private static IEnumerable<MigrationScript> Load(string store, SchemaModule module)
    {
        var marker = $".{store}.Migrations.";
        return module.Assembly.GetManifestResourceNames()
            .Where(name => name.Contains(marker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(module, name, name[(name.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^".sql".Length]))
            .OrderBy(script => script.Version);
    }

    private static MigrationScript Read(SchemaModule module, string resource, string fileName)
    {
        var match = FileName().Match(fileName);
        if (!match.Success)
            throw new InvalidOperationException($"Migration '{fileName}.sql' of module '{module.Name}' must be named NNNN_description.sql.");
        using var reader = new StreamReader(module.Assembly.GetManifestResourceStream(resource)!);
        return new MigrationScript(module.Name, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups[2].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^_?(\d+)_(.+)$")]
    private static partial Regex FileName();
}
