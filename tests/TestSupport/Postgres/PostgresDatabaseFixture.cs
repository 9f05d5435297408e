using Npgsql;
using Xunit;

namespace Actors.TestSupport.Postgres;

/// <summary>
/// A fresh database on the shared test server (<see cref="PostgresServer.SharedAsync"/>) for one test class: use it as
/// <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c> and take <see cref="ConnectionString"/>. The database is dropped
/// when the class's tests are done (best effort). If PostgreSQL is unavailable, every test of the class fails with a
/// <see cref="PostgresUnavailableException"/> that says why.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;
    private PostgresServer? _server;

    /// <summary>The connection string of this fixture's own database.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The fixture is not initialized (xunit calls InitializeAsync).");

    /// <summary>The server the database is on (the shared one).</summary>
    public PostgresServer Server =>
        _server ?? throw new InvalidOperationException("The fixture is not initialized (xunit calls InitializeAsync).");

    /// <summary>The name of this fixture's database.</summary>
    public string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    /// <summary>Creates the database on the shared server (starting that server on first use).</summary>
    public async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync().ConfigureAwait(false);
        _connectionString = await _server.CreateDatabaseAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the database (<c>WITH (FORCE)</c>); failures are ignored.</summary>
    public async Task DisposeAsync()
    {
        if (_server is null || _connectionString is null) return;
        try
        {
            await _server.DropDatabaseAsync(DatabaseName).ConfigureAwait(false);
        }
        catch (PostgresUnavailableException)
        {
            // Best effort: the database goes with the throwaway server anyway.
        }
    }
}
