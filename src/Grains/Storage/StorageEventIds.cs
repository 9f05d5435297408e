namespace Actors.Grains.Storage;

/// <summary>Log event ids of the storage plumbing (database connections, schema migrations). The grains assembly logs
/// in the 6000s; storage takes 6200–6299.</summary>
internal static class StorageEventIds
{
    public const int MigrationApplied = 6200;
    public const int MigrationsUpToDate = 6201;
    public const int MigrationRetrying = 6202;
    public const int MigrationFailed = 6203;
    public const int MigratingAtStart = 6204;
    public const int MigratedAtStart = 6205;
}
