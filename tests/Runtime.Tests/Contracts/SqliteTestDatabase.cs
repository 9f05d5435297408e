using Actors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>A temporary SQLite file for one test: each <see cref="OpenAsync"/> is a new <see cref="SqliteStore"/> over the
/// same file with the migrations applied (as at silo start), so a second one is a restart. Deleted on dispose.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "actors-contract-tests", Guid.NewGuid().ToString("N") + ".db");

    public async Task<SqliteStore> OpenAsync()
    {
        var store = new SqliteStore(_path);
        await SqliteMigrations.ApplyAsync(store, NullLogger.Instance, CancellationToken.None);
        return store;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(_path + suffix);
    }
}
