using System.Net;
using System.Net.Sockets;
using Actors.TestSupport.Postgres;
using Npgsql;

namespace Actors.TestSupport.Tests.Postgres;

public sealed class DedicatedServerTests
{
    [Fact]
    public async Task DedicatedServer_StopThenStart_RefusesWhileStoppedAndKeepsPortAndData()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();
        var connectionString = await server.CreateDatabaseAsync("restart");
        await Sql.ExecuteAsync(connectionString, "create table kept (id int); insert into kept values (42)");
        var port = server.Port;

        await server.StopAsync();
        var refused = await Record.ExceptionAsync(() => Sql.ExecuteAsync(Unpooled(connectionString), "select 1"));
        await server.StartAsync();

        Assert.True(refused is NpgsqlException or SocketException, $"unexpected: {refused}");
        Assert.Equal(port, server.Port);
        Assert.Equal(42, await Sql.ScalarAsync<int>(Unpooled(connectionString), "select id from kept"));
    }

    [Fact]
    public async Task DedicatedServer_StopOrStartTwice_IsNoOp()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();

        await server.StartAsync();
        await server.StopAsync();
        await server.StopAsync();
        await server.StartAsync();

        Assert.Equal(1, await Sql.ScalarAsync<int>(Unpooled(server.AdminConnectionString), "select 1"));
    }

    [Fact]
    public async Task DedicatedServer_Dispose_StopsServerAndDeletesFolder()
    {
        var server = await PostgresServer.StartDedicatedAsync();
        var folder = server.Folder!;
        var admin = Unpooled(server.AdminConnectionString);
        Assert.True(Directory.Exists(folder));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        var refused = await Record.ExceptionAsync(() => Sql.ExecuteAsync(admin, "select 1"));
        Assert.True(refused is NpgsqlException or SocketException, $"unexpected: {refused}");
    }

    [Fact]
    public async Task DedicatedServer_DifferentFromShared_HasOwnPort()
    {
        var shared = await PostgresServer.SharedAsync();
        await using var dedicated = await PostgresServer.StartDedicatedAsync();

        Assert.False(dedicated.IsExternal);
        Assert.NotEqual(shared.Port, dedicated.Port);
    }

    [Fact]
    public async Task DedicatedServer_StartWhilePortTaken_ThrowsWithServerLog()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();
        await server.StopAsync();
        var squatter = new TcpListener(IPAddress.Loopback, server.Port);
        squatter.Start();
        try
        {
            var error = await Assert.ThrowsAsync<PostgresUnavailableException>(server.StartAsync);

            Assert.Contains($"did not start on 127.0.0.1:{server.Port}", error.Message);
            Assert.Contains("Server log", error.Message);
            Assert.Contains("already in use", error.Message);
            Assert.Contains("apt-get install postgresql", error.Message);
        }
        finally
        {
            squatter.Stop();
        }

        await server.StartAsync();
        Assert.Equal(1, await Sql.ScalarAsync<int>(Unpooled(server.AdminConnectionString), "select 1"));
    }

    [Theory]
    [InlineData(false, "off")]
    [InlineData(true, "on")]
    public async Task DedicatedServer_Durable_SetsFsync(bool durable, string expectedFsync)
    {
        await using var server = await PostgresServer.StartDedicatedAsync(durable);

        Assert.Equal(expectedFsync, await Sql.ScalarAsync<string>(server.AdminConnectionString, "show fsync"));
        Assert.Equal(expectedFsync, await Sql.ScalarAsync<string>(server.AdminConnectionString, "show full_page_writes"));
    }

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
}
