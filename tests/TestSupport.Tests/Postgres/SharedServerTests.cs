using Actors.TestSupport.Postgres;
using Npgsql;

namespace Actors.TestSupport.Tests.Postgres;

public sealed class SharedServerTests
{
    [Fact]
    public async Task SharedServer_SelectVersion_AnswersPostgreSql()
    {
        var server = await PostgresServer.SharedAsync();

        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version()", connection);
        var version = (string?)await command.ExecuteScalarAsync();

        Assert.StartsWith("PostgreSQL ", version);
    }

    [Fact]
    public async Task SharedServer_CalledConcurrently_ReturnsOneServer()
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(PostgresServer.SharedAsync)));

        Assert.All(servers, server => Assert.Same(servers[0], server));
    }

    [Fact]
    public async Task SharedServer_WithoutEnvironmentVariable_IsThrowawayOnLoopback()
    {
        var server = await PostgresServer.SharedAsync();
        if (server.IsExternal) return; // ACTORS_TEST_POSTGRES is set: nothing of ours to check.

        var settings = new NpgsqlConnectionStringBuilder(server.AdminConnectionString);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(server.Port, settings.Port);
        Assert.Equal("postgres", settings.Username);
        Assert.Equal("postgres", settings.Database);
        Assert.True(Directory.Exists(server.Folder));
    }

    [Fact]
    public async Task SharedServer_Dispose_KeepsServerRunning()
    {
        var server = await PostgresServer.SharedAsync();

        await server.DisposeAsync();

        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
    }
}
