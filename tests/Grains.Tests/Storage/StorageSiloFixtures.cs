using Actors.Grains.Storage;
using Actors.TestSupport.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Grains.Tests.Storage;

/// <summary>One silo on a fresh PostgreSQL database (from the shared test server), started through
/// <c>UseActorsStorage</c> with <c>ConnectionStrings:Actors</c> set; shared by a test collection.</summary>
public sealed class PostgresStorageSiloFixture : IAsyncLifetime
{
    private StorageSilo? _silo;

    internal StorageSilo Silo => _silo ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        ConnectionString = await server.CreateDatabaseAsync("storage");
        _silo = await StorageSilo.StartAsync(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{StorageSiloBuilderExtensions.ConnectionStringName}"] = ConnectionString,
        });
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
            await _silo.DisposeAsync();
        var server = await PostgresServer.SharedAsync();
        await server.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(ConnectionString).Database!);
    }
}

/// <summary>One silo on a SQLite file in a temporary folder, started through <c>UseActorsStorage</c> with only
/// <c>Actors:Storage:SqlitePath</c> set; shared by a test collection.</summary>
public sealed class SqliteStorageSiloFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actors-storage-tests", Guid.NewGuid().ToString("N"));
    private StorageSilo? _silo;

    internal StorageSilo Silo => _silo ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string DatabasePath => Path.Combine(_folder, "actors.db");

    public async Task InitializeAsync() =>
        _silo = await StorageSilo.StartAsync(new Dictionary<string, string?> { ["Actors:Storage:SqlitePath"] = DatabasePath });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
            await _silo.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The tests that share <see cref="PostgresStorageSiloFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresStorageCollection : ICollectionFixture<PostgresStorageSiloFixture>
{
    public const string Name = "Storage on PostgreSQL";
}

/// <summary>The tests that share <see cref="SqliteStorageSiloFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteStorageCollection : ICollectionFixture<SqliteStorageSiloFixture>
{
    public const string Name = "Storage on SQLite";
}
