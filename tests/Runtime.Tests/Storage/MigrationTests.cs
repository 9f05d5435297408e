using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Storage.Sqlite;
using Actors.TestSupport.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Actors.Runtime.Tests.Storage;

/// <summary>Schema migrations: applied once even when several silos start at the same moment, and re-runnable.</summary>
[Trait("Category", "Postgres")]
public sealed class MigrationTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Postgres_SilosMigratingAtOnce_ApplyEachMigrationOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresMigrations.ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None))));
        await PostgresMigrations.ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);

        await using var count = dataSource.CreateCommand("select count(*), count(distinct version) from actors_schema_migrations");
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.True(reader.GetInt64(0) >= 1);
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task Sqlite_ProcessesMigratingAtOnce_ApplyEachMigrationOnce_InWalMode()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actors-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
                SqliteMigrations.ApplyAsync(new SqliteStore(path), NullLogger.Instance, CancellationToken.None))));

            await using var connection = await new SqliteStore(path).OpenConnectionAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "select count(*), count(distinct version) from actors_schema_migrations";
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
            }

            command.CommandText = "pragma journal_mode";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(path + suffix);
        }
    }
}
