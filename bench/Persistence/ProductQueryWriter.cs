using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Bench.Persistence;

/// <summary>
/// A diagnostic row between the baseline and the grains: the product's own write query (<c>WriteToStorageKey</c>, read
/// from the <c>OrleansQuery</c> table as Orleans' provider reads it) issued straight through Npgsql with the parameters
/// the provider binds. The gap to the baseline is the query's shape; the gap to the grains is Orleans (the provider,
/// the grain call, the activation's turn).
/// </summary>
internal sealed class ProductQueryWriter(NpgsqlDataSource dataSource, string serviceId, string queryText)
{
    public const string GrainType = "bench.product-query";
    private readonly Dictionary<long, int?> _versions = new();

    public static async Task<string> ReadQueryAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("select QueryText from OrleansQuery where QueryKey = 'WriteToStorageKey'");
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("OrleansQuery has no WriteToStorageKey."));
    }

    public async ValueTask WriteAsync(long key, int value)
    {
        var expected = _versions.GetValueOrDefault(key);
        await using var command = dataSource.CreateCommand(queryText);
        command.Parameters.Add(new NpgsqlParameter("PayloadBinary", NpgsqlDbType.Bytea) { Value = JsonSerializer.SerializeToUtf8Bytes(new BenchState { Value = value }) });
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = expected is { } v ? v : DBNull.Value });
        command.Parameters.AddWithValue("ServiceId", serviceId);
        command.Parameters.AddWithValue("GrainTypeString", GrainType);
        command.Parameters.AddWithValue("GrainIdN0", 0L);
        command.Parameters.AddWithValue("GrainIdN1", key);
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = DBNull.Value });
        command.Parameters.AddWithValue("GrainIdHash", (int)key);
        command.Parameters.AddWithValue("GrainTypeHash", 17);
        _versions[key] = (int)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"Row {key} changed under the product-query writer."));
    }
}
