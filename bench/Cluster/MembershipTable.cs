using Npgsql;

namespace Actors.Bench.Cluster;

/// <summary>One row of the product's membership table (<c>orleans_membership</c>).</summary>
/// <param name="SiloName">The silo's name.</param>
/// <param name="Port">Its silo port.</param>
/// <param name="Status">Orleans' <c>SiloStatus</c>: 3 Active, 6 Dead.</param>
/// <param name="SuspectTimes">The suspicion votes recorded against it (null: none).</param>
internal sealed record MembershipRow(string SiloName, int Port, int Status, string? SuspectTimes)
{
    public const int Active = 3;
    public const int Dead = 6;
}

/// <summary>Reads the benchmark cluster's rows of the membership table, as an operator would.</summary>
internal sealed class MembershipTable(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<List<MembershipRow>> ReadAsync()
    {
        await using var command = _dataSource.CreateCommand(
            "select silo_name, port, status, suspect_times from orleans_membership where deployment_id = @cluster order by start_time");
        command.Parameters.AddWithValue("cluster", BenchClusterConfiguration.ClusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
            rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return rows;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
