using Actors.TestSupport.Postgres;
using Npgsql;

namespace Actors.TestSupport.Tests.Postgres;

public sealed class DatabaseFixtureTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Fixture_ConnectionString_ConnectsToItsOwnDatabase()
    {
        var database = await Sql.ScalarAsync<string>(fixture.ConnectionString, "select current_database()");

        Assert.Equal(fixture.DatabaseName, database);
        Assert.NotEqual("postgres", database);
    }

    [Fact]
    public async Task Fixture_TwoInstances_GetDifferentDatabases()
    {
        var other = new PostgresDatabaseFixture();
        await other.InitializeAsync();
        try
        {
            Assert.NotEqual(fixture.DatabaseName, other.DatabaseName);
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fixture_Dispose_DropsDatabase()
    {
        var other = new PostgresDatabaseFixture();
        await other.InitializeAsync();
        await Sql.ExecuteAsync(other.ConnectionString, "create table t (id int)");

        await other.DisposeAsync();

        var count = await Sql.ScalarAsync<long>(other.Server.AdminConnectionString,
            $"select count(*) from pg_database where datname = '{other.DatabaseName}'");
        Assert.Equal(0, count);
    }

    [Fact]
    public void Fixture_BeforeInitialize_ThrowsInvalidOperation()
    {
        var fresh = new PostgresDatabaseFixture();

        Assert.Throws<InvalidOperationException>(() => fresh.ConnectionString);
    }
}
