using System.Text.Json;
using Npgsql;

namespace Actors.Bench.Persistence;

/// <summary>
/// The baseline: the versioned write the product's grain storage does (an update of the state's row in
/// <c>orleans_grain_state</c> that succeeds only if the version still matches, returning the new version, the payload
/// System.Text.Json bytes), issued straight through Npgsql by a writer that remembers its rows' versions. Same table,
/// same payload, same concurrency as the grain calls it is compared with; its rows have a grain type of their own.
/// </summary>
internal sealed class RawNpgsqlWriter(NpgsqlDataSource dataSource, string serviceId)
{
    public const string GrainType = "bench.raw";
    private readonly Dictionary<long, int> _versions = new();

    public static async Task SeedAsync(NpgsqlDataSource dataSource, string serviceId, int rows)
    {
        await using var command = dataSource.CreateCommand(
            "insert into orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, grain_id_hash, grain_type_hash, payload, version) " +
            "select @service, @type, 0, g, null, 0, 0, convert_to('{\"Value\":0}', 'UTF8'), 1 from generate_series(0, @rows - 1) g on conflict do nothing");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("type", GrainType);
        command.Parameters.AddWithValue("rows", rows);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask WriteAsync(long key, int value)
    {
        var expected = _versions.GetValueOrDefault(key, 1);
        await using var command = dataSource.CreateCommand(
            "update orleans_grain_state set payload = @payload, version = version + 1, modified_at = now() " +
            "where version = @version and service_id = @service and grain_type = @type and grain_id_n0 = 0 and grain_id_n1 = @key " +
            "and grain_id_extension is null returning version");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("type", GrainType);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("version", expected);
        command.Parameters.AddWithValue("payload", JsonSerializer.SerializeToUtf8Bytes(new BenchState { Value = value }));
        _versions[key] = (int)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"Row {key} changed under the baseline."));
    }
}
