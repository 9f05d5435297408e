using Microsoft.Data.Sqlite;

namespace Actors.Grains.Storage.Sqlite;

/// <summary>
/// The embedded SQLite file of a silo without PostgreSQL. Connections it opens use a busy timeout (concurrent writers
/// wait for the lock instead of failing) and full synchronous commits (an acknowledged write survives a crash); the
/// file itself is switched to WAL by the migrations (readers never block the writer). One per silo.
/// </summary>
public sealed class SqliteStore
{
    /// <summary>Creates the store for <paramref name="databasePath"/>, creating its folder if needed.</summary>
    public SqliteStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The connection string of the file, also given to Orleans' ADO.NET providers (their queries are single
    /// statements with no explicit transaction, so pooled connections are safe).</summary>
    public string ConnectionString { get; }

    /// <summary>Opens a connection with the store's settings applied.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "pragma busy_timeout = 10000; pragma synchronous = full;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
