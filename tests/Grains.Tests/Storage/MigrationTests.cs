using Actors.Grains.Storage.Migrations;
using Actors.Grains.Storage.Sqlite;
using Actors.TestSupport.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Grains.Tests.Storage;

/// <summary>The schema modules' migrations on fresh databases: everything is applied once, again is a no-op, and
/// concurrent appliers (silos starting together) both succeed while each migration is applied once.</summary>
public sealed class MigrationTests : IDisposable
{
    private static readonly string[] PersistenceAndReminderKeys =
    [
        "ClearStorageKey", "DeleteReminderRowKey", "DeleteReminderRowsKey", "DeleteStorageKey", "ReadFromStorageKey",
        "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
        "WriteToStorageKey",
    ];

    private static readonly string[] MembershipKeys =
    [
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey",
        "UpdateMembershipKey",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actors-storage-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Postgres_ApplyTwice_AppliesBothModulesOnce_AndTheSecondIsANoOp()
    {
        await using var database = await FreshPostgresAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        Assert.Equal(3, await ActorsSchema.ApplyPostgresAsync(dataSource));
        Assert.Equal(0, await ActorsSchema.ApplyPostgresAsync(dataSource));

        Assert.Equal(["openedx 1", "openedx 2", "orleans 1"], await ListAsync(dataSource, "select module || ' ' || version from actors_schema_migrations order by 1"));
        Assert.Equal(PersistenceAndReminderKeys.Concat(MembershipKeys).Order(StringComparer.Ordinal),
            await ListAsync(dataSource, "select QueryKey from OrleansQuery order by QueryKey collate \"C\""));
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Postgres_TwoConcurrentAppliers_BothSucceed_AndEachMigrationIsAppliedOnce()
    {
        await using var database = await FreshPostgresAsync();
        await using var first = NpgsqlDataSource.Create(database.ConnectionString);
        await using var second = NpgsqlDataSource.Create(database.ConnectionString);

        var applied = await Task.WhenAll(
            Task.Run(() => ActorsSchema.ApplyPostgresAsync(first)), Task.Run(() => ActorsSchema.ApplyPostgresAsync(second)));

        Assert.Equal(3, applied.Sum());
        Assert.Equal(["openedx 1", "openedx 2", "orleans 1"], await ListAsync(first, "select module || ' ' || version from actors_schema_migrations order by 1"));
    }

    [Fact]
    public async Task Sqlite_ApplyTwice_AppliesBothModulesOnce_AndTheSecondIsANoOp()
    {
        var store = new SqliteStore(Path.Combine(_folder, "twice.db"));

        Assert.Equal(3, await ActorsSchema.ApplySqliteAsync(store));
        Assert.Equal(0, await ActorsSchema.ApplySqliteAsync(store));

        Assert.Equal(["openedx 1", "openedx 2", "orleans 1"], await ListAsync(store, "select module || ' ' || version from actors_schema_migrations order by 1"));
        Assert.Equal(PersistenceAndReminderKeys.Order(StringComparer.Ordinal), await ListAsync(store, "select QueryKey from OrleansQuery order by QueryKey"));
        Assert.Equal(["wal"], await ListAsync(store, "pragma journal_mode"));
    }

    [Fact]
    public async Task Sqlite_TwoConcurrentAppliers_BothSucceed_AndEachMigrationIsAppliedOnce()
    {
        var path = Path.Combine(_folder, "concurrent.db");
        var first = new SqliteStore(path);
        var second = new SqliteStore(path);

        var applied = await Task.WhenAll(
            Task.Run(() => ActorsSchema.ApplySqliteAsync(first)), Task.Run(() => ActorsSchema.ApplySqliteAsync(second)));

        Assert.Equal(3, applied.Sum());
        Assert.Equal(["openedx 1", "openedx 2", "orleans 1"], await ListAsync(first, "select module || ' ' || version from actors_schema_migrations order by 1"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static async Task<FreshDatabase> FreshPostgresAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return new FreshDatabase(server, await server.CreateDatabaseAsync("migrations"));
    }

    private static async Task<List<string>> ListAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task<List<string>> ListAsync(SqliteStore store, string sql)
    {
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private sealed record FreshDatabase(PostgresServer Server, string ConnectionString) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await Server.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(ConnectionString).Database!);
        }
    }
}
