using Microsoft.Data.Sqlite;

namespace Actors.Runtime.Storage.Sqlite;

/// <summary>
/// Opens connections to the embedded SQLite file: WAL journal (readers never block the writer), a busy timeout so
/// concurrent writers wait for the lock instead of failing, and full synchronous commits so an acknowledged write
/// survives a crash. One per silo.
/// </summary>
public sealed class SqliteStore
{
    private readonly string _connectionString;

    /// <summary>Creates the store for <paramref name="databasePath"/>, creating its folder if needed.</summary>
    public SqliteStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens a connection with the store's settings applied.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "pragma busy_timeout = 10000; pragma synchronous = full;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
