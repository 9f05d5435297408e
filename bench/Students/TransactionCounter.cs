using Npgsql;

namespace Actors.Bench.Students;

/// <summary>
/// Counts the transactions of one database as PostgreSQL does (<c>pg_stat_database</c>: <c>xact_commit</c> +
/// <c>xact_rollback</c>), read from the server's <c>postgres</c> database so the reads are not counted. A backend
/// reports its counts only from time to time (at most once a second, and an idle one up to 10 s later), so before each
/// read every pooled connection of the writers' data sources is made to report now: all of a pool's connections are
/// opened at once (its size is fixed at <see cref="PoolSize"/>) and each runs <c>pg_stat_force_next_flush()</c> with a
/// one-row catalog scan (a backend that touched no table skips its report), whose own transactions (exactly
/// <see cref="PoolSize"/> per pool and read) are subtracted.
/// <para>The pools are opened with <c>No Reset On Close</c>: by default Npgsql resets a pooled connection with a
/// <c>DISCARD ALL</c> before its next use, which PostgreSQL counts as a transaction of its own — one more per write on
/// Open edX's side, one more per flush on the grain's, doubling both counts with nothing written.</para>
/// </summary>
internal sealed class TransactionCounter(string connectionString, IReadOnlyList<NpgsqlDataSource> pools)
{
    /// <summary>The size of every pool counted (minimum and maximum), set in the writers' connection strings.</summary>
    public const int PoolSize = GroupCommitWorkload.Callers;

    private readonly string _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
    private readonly string _admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
    private long _ownTransactions;

    /// <summary>The connection string of a counted pool: <paramref name="connectionString"/> with its size fixed and
    /// without Npgsql's reset on reuse.</summary>
    public static string Pooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MinPoolSize = PoolSize, MaxPoolSize = PoolSize, NoResetOnClose = true }.ConnectionString;

    /// <summary>The database's transactions so far, less this counter's own.</summary>
    public async Task<long> ReadAsync()
    {
        foreach (var pool in pools)
            await ReportAllAsync(pool);
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select xact_commit + xact_rollback from pg_stat_database where datname = @database", connection);
        command.Parameters.AddWithValue("database", _database);
        return (long)(await command.ExecuteScalarAsync())! - _ownTransactions;
    }

    private async Task ReportAllAsync(NpgsqlDataSource pool)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, PoolSize).Select(async _ => await pool.OpenConnectionAsync()));
        try
        {
            await Task.WhenAll(connections.Select(async connection =>
            {
                await using var command = new NpgsqlCommand("select pg_stat_force_next_flush() from (select from pg_database limit 1) as scan", connection);
                await command.ExecuteNonQueryAsync();
            }));
            _ownTransactions += PoolSize;
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }
}
