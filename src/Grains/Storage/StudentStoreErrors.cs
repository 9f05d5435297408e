using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Grains.Storage;

/// <summary>Turns database failures into <see cref="StorageException"/>, classified as the runtime classifies them:
/// PostgreSQL by Npgsql's own <see cref="NpgsqlException.IsTransient"/> (connection, I/O and server-resource errors),
/// SQLite when the database was busy or locked. The provider's exception is kept as text (a plain <see cref="Exception"/>
/// whose message is the provider exception's full <see cref="Exception.ToString"/>): a grain rethrows these to callers in
/// other processes, and Orleans has no codec for Npgsql's or SQLite's exception types.</summary>
internal static class StudentStoreErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Runs one store operation; any failure but cancellation becomes a <see cref="StorageException"/>
    /// naming <paramref name="operation"/>.</summary>
    public static async Task<T> RunAsync<T>(string store, string operation, Func<Exception, bool> isTransient, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not StorageException)
        {
            var transient = isTransient(exception);
            throw new StorageException(
                $"{store}: {operation} failed ({(transient ? "transient, may succeed later" : "permanent")}): {exception.Message}",
                new Exception(exception.ToString()), transient);
        }
    }

    public static bool IsTransientPostgres(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException or IOException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsTransientPostgres(inner),
    };

    public static bool IsTransientSqlite(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }
        || (exception.InnerException is { } inner && IsTransientSqlite(inner));
}
