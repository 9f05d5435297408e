using System.Net;
using System.Net.Sockets;
using Actors.TestSupport.Postgres;

namespace Actors.TestSupport.Tests.Postgres;

public sealed class FailureTests
{
    [Fact]
    public void Binaries_Missing_ThrowSayingHowToInstall()
    {
        var missing = Path.Combine(Path.GetTempPath(), "actors-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<PostgresUnavailableException>(() => PostgresBinaries.FindDirectory(missing, missing));

        Assert.Contains("initdb", error.Message);
        Assert.Contains("apt-get install postgresql", error.Message);
        Assert.Contains(PostgresServer.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void Binaries_Installed_AreFoundWithInitdbAndPgCtl()
    {
        var directory = PostgresBinaries.FindDirectory();

        Assert.True(File.Exists(Path.Combine(directory, "initdb")));
        Assert.True(File.Exists(Path.Combine(directory, "pg_ctl")));
    }

    [Fact]
    public async Task ExternalServer_Unreachable_ThrowsSayingWhichVariable()
    {
        var closedPort = ClosedPort();

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() =>
            PostgresServer.ConnectExternalAsync($"Host=127.0.0.1;Port={closedPort};Username=postgres;Timeout=2"));

        Assert.Contains(PostgresServer.EnvironmentVariable, error.Message);
        Assert.Contains("apt-get install postgresql", error.Message);
    }

    [Fact]
    public async Task ExternalServer_InvalidConnectionString_ThrowsSayingWhichVariable()
    {
        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() =>
            PostgresServer.ConnectExternalAsync("NoSuchKeyword=1"));

        Assert.Contains(PostgresServer.EnvironmentVariable, error.Message);
    }

    [Fact]
    public async Task ExternalServer_StopOrStart_ThrowsInvalidOperation()
    {
        var shared = await PostgresServer.SharedAsync();
        var external = await PostgresServer.ConnectExternalAsync(shared.AdminConnectionString);

        Assert.True(external.IsExternal);
        Assert.Equal(shared.Port, external.Port);
        await Assert.ThrowsAsync<InvalidOperationException>(external.StopAsync);
        await Assert.ThrowsAsync<InvalidOperationException>(external.StartAsync);
    }

    [Fact]
    public async Task ExternalServer_CreateDatabase_KeepsGivenSettings()
    {
        var shared = await PostgresServer.SharedAsync();
        var external = await PostgresServer.ConnectExternalAsync(shared.AdminConnectionString + ";Command Timeout=7");

        var connectionString = await external.CreateDatabaseAsync();

        Assert.Contains("Command Timeout=7", connectionString);
        Assert.Equal(1, await Sql.ScalarAsync<int>(connectionString, "select 1"));
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
