using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Bench.Persistence;

/// <summary>
/// The baseline: the same versioned write the PostgreSQL grain storage does (an update that succeeds only if the
/// version still matches, returning the new version), issued straight through Npgsql by a writer that remembers its
/// rows' versions. Same rows, same payload, same concurrency as the grain calls it is compared with.
/// </summary>
internal sealed class RawNpgsqlWriter(NpgsqlDataSource dataSource, string serviceId)
{
    private readonly Dictionary<long, long> _versions = new();

    public static async Task SeedAsync(NpgsqlDataSource dataSource, string serviceId, string grainType, int rows)
    {
        await using var command = dataSource.CreateCommand(
            "insert into actors_grain_state (service_id, grain_type, grain_key, state_name, payload, version) " +
            "select @service, @type, g::text, 'bench', '{\"Value\":0}', 1 from generate_series(0, @rows - 1) g on conflict do nothing");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("rows", rows);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask WriteAsync(string grainType, long key, int value)
    {
        var expected = _versions.GetValueOrDefault(key, 1);
        await using var command = dataSource.CreateCommand(
            "update actors_grain_state set payload = @payload, version = version + 1, modified_at = now() " +
            "where service_id = @service and grain_type = @type and grain_key = @key and state_name = 'bench' and version = @version returning version");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("version", expected);
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(new BenchState { Value = value }) });
        _versions[key] = (long)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"Row {key} changed under the baseline."));
    }
}
