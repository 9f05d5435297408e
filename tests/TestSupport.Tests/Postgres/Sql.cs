using Npgsql;

namespace Actors.TestSupport.Tests.Postgres;

/// <summary>One-statement helpers for the tests.</summary>
internal static class Sql
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static Task<bool> TableExistsAsync(string connectionString, string table) =>
        ScalarAsync<bool>(connectionString, $"select to_regclass('public.{table}') is not null");
}
