namespace Actors.TestSupport.Postgres;

/// <summary>
/// The test PostgreSQL could not be found, started, stopped or used. The message says what failed, carries the tail of
/// the server log or the command's output, and says how to fix it; tests that need PostgreSQL fail with it (they are
/// never skipped).
/// </summary>
public sealed class PostgresUnavailableException : Exception
{
    /// <summary>How to get a working test PostgreSQL; appended to every message.</summary>
    public const string Remedy =
        "To fix: install the PostgreSQL server binaries (Debian/Ubuntu: `sudo apt-get install postgresql`; ./test.sh " +
        "does this when initdb is missing), or set " + PostgresServer.EnvironmentVariable + " to the connection string " +
        "of a running server where the user may CREATE DATABASE (e.g. " +
        "\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\").";

    /// <summary>Creates the exception; <paramref name="message"/> says what failed, the remedy is appended.</summary>
    public PostgresUnavailableException(string message, Exception? innerException = null)
        : base(message.TrimEnd() + Environment.NewLine + Remedy, innerException)
    {
    }
}
