using Microsoft.Data.Sqlite;

namespace Actors.Grains.Storage.Errors;

/// <summary>Which SQLite failures are worth trying again: the database was busy or locked.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;

    public static bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked } || (exception.InnerException is { } inner && IsTransient(inner));
}
