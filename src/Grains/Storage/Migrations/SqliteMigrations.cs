using Actors.Grains.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Storage.Migrations;

/// <summary>
/// Brings a SQLite file's schema up to date: switches the file to WAL, then applies every embedded migration not yet
/// recorded in <c>actors_schema_migrations</c> inside one <c>BEGIN IMMEDIATE</c> transaction (which takes the write
/// lock at once, so two processes starting on one file apply each migration once).
/// </summary>
internal static partial class SqliteMigrations
{
    public static async Task<int> ApplyAsync(SqliteStore store, IReadOnlyList<SchemaModule> modules, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "pragma journal_mode = wal;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: take the write lock now
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "create table if not exists actors_schema_migrations (module text not null, version integer not null, " +
                                 "name text not null, applied_at text not null, primary key (module, version))";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new HashSet<(string, long)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "select module, version from actors_schema_migrations";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                applied.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        var pending = MigrationScript.Load(SchemaStore.Sqlite, modules).Where(m => !applied.Contains((m.Module, m.Version))).ToList();
        foreach (var migration in pending)
        {
            await using var apply = connection.CreateCommand();
            apply.CommandText = migration.Sql;
            await apply.ExecuteNonQueryAsync(cancellationToken);
            await using var record = connection.CreateCommand();
            record.CommandText = "insert into actors_schema_migrations (module, version, name, applied_at) values ($module, $version, $name, datetime('now'))";
            record.Parameters.AddWithValue("$module", migration.Module);
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogMigrationApplied(logger, store.DatabasePath, migration.Module, migration.Version, migration.Name);
        }

        transaction.Commit();
        if (pending.Count == 0)
            LogUpToDate(logger, store.DatabasePath, applied.Count);
        return pending.Count;
    }

    [LoggerMessage(StorageEventIds.MigrationApplied, LogLevel.Information, "SQLite {Path}: applied schema migration {Module} {Version} ({Name})")]
    private static partial void LogMigrationApplied(ILogger logger, string path, string module, int version, string name);

    [LoggerMessage(StorageEventIds.MigrationsUpToDate, LogLevel.Debug, "SQLite {Path}: schema is up to date ({Applied} migrations applied earlier)")]
    private static partial void LogUpToDate(ILogger logger, string path, int applied);
}
