using Actors.Grains.Storage.Migrations;
using Actors.Grains.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Tests.Students;

/// <summary>A temporary SQLite file: each <see cref="OpenAsync"/> is a new <see cref="SqliteStore"/> over it with the
/// orleans and openedx modules' migrations applied (as at silo start). Deleted on dispose.</summary>
internal sealed class SqliteStudentDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actors-grains-tests", Guid.NewGuid().ToString("N") + ".db");

    public async Task<SqliteStore> OpenAsync(bool migrate = true)
    {
        var store = new SqliteStore(Path);
        if (migrate)
            await ActorsSchema.ApplySqliteAsync(store);
        return store;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(Path + suffix);
    }
}
