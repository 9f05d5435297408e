using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Grains.Tests.Students;

/// <summary>A temporary SQLite file: each <see cref="OpenAsync"/> is a new <see cref="SqliteStore"/> over it with the
/// runtime's and the openedx module's migrations applied (as at silo start). Deleted on dispose.</summary>
internal sealed class SqliteStudentDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actors-grains-tests", Guid.NewGuid().ToString("N") + ".db");

    public static IReadOnlyList<SchemaModule> Modules { get; } =
        [SchemaModule.Runtime, new(GrainsSiloBuilderExtensions.SchemaModuleName, typeof(GrainsSiloBuilderExtensions).Assembly)];

    public async Task<SqliteStore> OpenAsync(bool migrate = true)
    {
        var store = new SqliteStore(Path);
        if (migrate)
            await SqliteMigrations.ApplyAsync(store, Modules, NullLogger.Instance, CancellationToken.None);
        return store;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(Path + suffix);
    }
}
