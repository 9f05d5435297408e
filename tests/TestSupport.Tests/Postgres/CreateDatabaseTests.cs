using Actors.TestSupport.Postgres;
using Npgsql;

namespace Actors.TestSupport.Tests.Postgres;

public sealed class CreateDatabaseTests
{
    [Fact]
    public async Task CreateDatabase_TwoCalls_GiveIsolatedDatabases()
    {
        var server = await PostgresServer.SharedAsync();
        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();

        await Sql.ExecuteAsync(first, "create table only_in_first (id int)");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        Assert.True(await Sql.TableExistsAsync(first, "only_in_first"));
        Assert.False(await Sql.TableExistsAsync(second, "only_in_first"));
    }

    [Fact]
    public async Task CreateDatabase_WithPrefix_NamesDatabaseAfterSanitizedPrefix()
    {
        var server = await PostgresServer.SharedAsync();

        var connectionString = await server.CreateDatabaseAsync("My-Tests");

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Assert.StartsWith("my_tests_", database);
        Assert.Equal(database, await Sql.ScalarAsync<string>(connectionString, "select current_database()"));
    }

    [Fact]
    public async Task CreateDatabase_ThrowawayServer_ReturnsPooledConnectionStringWithTimeouts()
    {
        var server = await PostgresServer.SharedAsync();
        if (server.IsExternal) return; // an external server keeps its own settings

        var settings = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync());

        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(server.Port, settings.Port);
        Assert.Equal("postgres", settings.Username);
        Assert.True(settings.Pooling);
        Assert.Equal(5, settings.Timeout);
        Assert.Equal(30, settings.CommandTimeout);
    }

    [Fact]
    public async Task DropDatabase_WithOpenConnection_RemovesDatabase()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var open = new NpgsqlConnection(connectionString);
        await open.OpenAsync();

        await server.DropDatabaseAsync(database);

        var count = await Sql.ScalarAsync<long>(server.AdminConnectionString,
            $"select count(*) from pg_database where datname = '{database}'");
        Assert.Equal(0, count);
    }
}
