using Actors.Grains.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Actors.Grains.Storage.Migrations;

/// <summary>
/// Applies the product's schema migrations to a database directly (silos do it at start through
/// <see cref="StorageSiloBuilderExtensions.UseActorsStorage"/>; tests and tools call this). Both methods apply only
/// what is missing, so calling them again is a no-op, and are safe when several processes call them at once.
/// </summary>
public static class ActorsSchema
{
    /// <summary>Applies the missing PostgreSQL migrations of <paramref name="modules"/> (default
    /// <see cref="SchemaModule.All"/>: <c>orleans</c>, then <c>openedx</c>) under an advisory lock. Returns how many
    /// were applied.</summary>
    public static Task<int> ApplyPostgresAsync(NpgsqlDataSource dataSource, IReadOnlyList<SchemaModule>? modules = null,
        ILogger? logger = null, CancellationToken cancellationToken = default) =>
        PostgresMigrations.ApplyAsync(dataSource, modules ?? SchemaModule.All, logger ?? NullLogger.Instance, cancellationToken);

    /// <summary>Applies the missing SQLite migrations of <paramref name="modules"/> (default
    /// <see cref="SchemaModule.All"/>) in one immediate transaction, after switching the file to WAL. Returns how many
    /// were applied.</summary>
    public static Task<int> ApplySqliteAsync(SqliteStore store, IReadOnlyList<SchemaModule>? modules = null,
        ILogger? logger = null, CancellationToken cancellationToken = default) =>
        SqliteMigrations.ApplyAsync(store, modules ?? SchemaModule.All, logger ?? NullLogger.Instance, cancellationToken);
}
