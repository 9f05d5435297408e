using System.Net.Sockets;
using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Runtime.Tests.Storage;

public sealed class StorageErrorTests
{
    [Theory]
    [InlineData("08006", true)]  // connection failure
    [InlineData("57P01", true)]  // admin shutdown (server restarting)
    [InlineData("57P03", true)]  // cannot connect now (server starting)
    [InlineData("40001", true)]  // serialization failure
    [InlineData("53300", true)]  // too many connections
    [InlineData("28P01", false)] // wrong password
    [InlineData("3D000", false)] // database does not exist
    [InlineData("42P01", false)] // undefined table
    [InlineData("23505", false)] // unique violation
    public void Postgres_ClassifiesBySqlState(string sqlState, bool transient) =>
        Assert.Equal(transient, PostgresErrors.IsTransient(new PostgresException("test", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Postgres_ConnectionRefused_IsTransient() =>
        Assert.True(PostgresErrors.IsTransient(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));

    [Theory]
    [InlineData(5, true)]   // SQLITE_BUSY
    [InlineData(6, true)]   // SQLITE_LOCKED
    [InlineData(1, false)]  // SQLITE_ERROR
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    public void Sqlite_BusyAndLockedAreTransient(int code, bool transient) =>
        Assert.Equal(transient, SqliteErrors.IsTransient(new SqliteException("test", code)));
}
