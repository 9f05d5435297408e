using Actors.Grains.Storage.Errors;
using Actors.Grains.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Storage.Migrations;

/// <summary>The migrations of <paramref name="modules"/> on the SQLite file of <paramref name="store"/>.</summary>
internal sealed class SqliteSchemaTarget(SqliteStore store, IReadOnlyList<SchemaModule> modules) : ISchemaTarget
{
    public string Description => $"SQLite {store.DatabasePath}";

    public bool IsTransient(Exception exception) => SqliteErrors.IsTransient(exception);

    public Task<int> MigrateAsync(ILogger logger, CancellationToken cancellationToken) =>
        SqliteMigrations.ApplyAsync(store, modules, logger, cancellationToken);
}
