using System.Net.Sockets;
using Npgsql;

namespace Actors.Grains.Storage.Errors;

/// <summary>Which PostgreSQL failures are worth trying again, by SQLSTATE (and Npgsql's own view of I/O errors).</summary>
internal static class PostgresErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState switch
        {
            PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.LockNotAvailable => true,
            _ => postgres.SqlState.StartsWith("08", StringComparison.Ordinal), // connection exceptions
        },
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException or IOException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
