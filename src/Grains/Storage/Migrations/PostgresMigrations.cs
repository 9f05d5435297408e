using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Grains.Storage.Migrations;

/// <summary>
/// Brings a PostgreSQL schema up to date: applies every embedded migration not yet recorded in
/// <c>actors_schema_migrations</c> (per module), each in its own transaction. Holds a session advisory lock meanwhile,
/// so silos that start together apply each migration exactly once; the others wait, then find nothing to do.
/// </summary>
internal static partial class PostgresMigrations
{
    // Arbitrary constant naming "the Actors schema" among advisory locks.
    private const long AdvisoryLockKey = 0x4163746F7273; // "Actors"

    public static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, IReadOnlyList<SchemaModule> modules, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, "select pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        try
        {
            await ExecuteAsync(connection, null,
                "create table if not exists actors_schema_migrations (module text not null, version integer not null, name text not null, " +
                "applied_at timestamptz not null default now(), primary key (module, version))",
                cancellationToken);
            var applied = new HashSet<(string, int)>();
            await using (var command = new NpgsqlCommand("select module, version from actors_schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    applied.Add((reader.GetString(0), reader.GetInt32(1)));
            }

            var pending = MigrationScript.Load(SchemaStore.Postgres, modules).Where(m => !applied.Contains((m.Module, m.Version))).ToList();
            foreach (var migration in pending)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await ExecuteAsync(connection, transaction, "insert into actors_schema_migrations (module, version, name) values (@module, @version, @name)",
                    cancellationToken, ("module", migration.Module), ("version", migration.Version), ("name", migration.Name));
                await transaction.CommitAsync(cancellationToken);
                LogMigrationApplied(logger, connection.Database, migration.Module, migration.Version, migration.Name);
            }

            if (pending.Count == 0)
                LogUpToDate(logger, connection.Database, applied.Count);
            return pending.Count;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, null, "select pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(StorageEventIds.MigrationApplied, LogLevel.Information, "PostgreSQL {Database}: applied schema migration {Module} {Version} ({Name})")]
    private static partial void LogMigrationApplied(ILogger logger, string database, string module, int version, string name);

    [LoggerMessage(StorageEventIds.MigrationsUpToDate, LogLevel.Debug, "PostgreSQL {Database}: schema is up to date ({Applied} migrations applied earlier)")]
    private static partial void LogUpToDate(ILogger logger, string database, int applied);
}
