using System.Globalization;
using Actors.Runtime.Hosting;
using Actors.Runtime.Placement;
using Actors.Runtime.Reminders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Runtime.Storage.Postgres;

/// <summary>Reminder rows in PostgreSQL (<c>actors_reminders</c>): a range read by grain hash is one indexed query.</summary>
public sealed class PostgresReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period, version, last_tick";
    private const string KeyMatch = "service_id = @service and grain_type = @type and grain_key = @key and reminder_name = @name";
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly StorageRetry _retry;

    /// <summary>Creates the table over <paramref name="dataSource"/>, for the rows of the configured service id.</summary>
    public PostgresReminderTable(NpgsqlDataSource dataSource, IOptions<SiloOptions> silo, ILogger<PostgresReminderTable> logger,
        IOptions<StorageOptions>? storage = null, TimeProvider? time = null)
    {
        _dataSource = dataSource;
        _serviceId = silo.Value.ServiceId;
        _retry = new StorageRetry("PostgreSQL", PostgresErrors.IsTransient, storage?.Value, time, logger);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(RingRange range, CancellationToken cancellationToken)
    {
        var condition = range.IsFull ? "true"
            : range.Wraps ? "(grain_hash > @begin or grain_hash <= @end)"
            : "grain_hash > @begin and grain_hash <= @end";
        return ReadAsync($"reading reminders of ring range {range}", $"select {Columns} from actors_reminders where service_id = @service and {condition}",
            command =>
            {
                command.Parameters.AddWithValue("begin", (long)range.Begin);
                command.Parameters.AddWithValue("end", (long)range.End);
            }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync($"reading reminders of grain {grainId}",
            $"select {Columns} from actors_reminders where service_id = @service and grain_type = @type and grain_key = @key",
            command =>
            {
                command.Parameters.AddWithValue("type", grainId.Type.Name);
                command.Parameters.AddWithValue("key", grainId.Key);
            }, cancellationToken);

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        (await ReadAsync($"reading reminder '{reminderName}' of grain {grainId}", $"select {Columns} from actors_reminders where {KeyMatch}",
            command => AddKey(command, grainId, reminderName), cancellationToken)).SingleOrDefault();

    /// <inheritdoc />
    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync($"writing reminder '{entry.ReminderName}' of grain {entry.GrainId}", async ct =>
        {
            // Versions come from one sequence, so a reminder removed and registered again never reuses an old ETag.
            await using var command = Command(
                "insert into actors_reminders (service_id, grain_type, grain_key, reminder_name, grain_hash, start_at, period, version, last_tick) " +
                "values (@service, @type, @key, @name, @hash, @start, @period, nextval('actors_reminder_versions'), @lastTick) " +
                "on conflict (service_id, grain_type, grain_key, reminder_name) do update set grain_hash = excluded.grain_hash, " +
                "start_at = excluded.start_at, period = excluded.period, last_tick = excluded.last_tick, version = nextval('actors_reminder_versions') " +
                "returning version");
            AddKey(command, entry.GrainId, entry.ReminderName);
            command.Parameters.AddWithValue("hash", (long)entry.GrainId.UniformHash);
            command.Parameters.AddWithValue("start", entry.StartAt.UtcDateTime);
            command.Parameters.AddWithValue("period", entry.Period);
            command.Parameters.AddWithValue("lastTick", entry.LastTick is { } tick ? tick.UtcDateTime : DBNull.Value);
            return ((long)(await command.ExecuteScalarAsync(ct))!).ToString(CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync($"removing reminder '{reminderName}' of grain {grainId}", async ct =>
        {
            if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                return false;
            await using var command = Command($"delete from actors_reminders where {KeyMatch} and version = @version");
            AddKey(command, grainId, reminderName);
            command.Parameters.AddWithValue("version", version);
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RecordTickAsync(GrainId grainId, string reminderName, DateTimeOffset tick, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync($"recording a tick of reminder '{reminderName}' of grain {grainId}", async ct =>
        {
            await using var command = Command($"update actors_reminders set last_tick = @tick where {KeyMatch}");
            AddKey(command, grainId, reminderName);
            command.Parameters.AddWithValue("tick", tick.UtcDateTime);
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }, cancellationToken);

    private Task<IReadOnlyList<ReminderEntry>> ReadAsync(string operation, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        _retry.ReadAsync<IReadOnlyList<ReminderEntry>>(operation, async ct =>
        {
            await using var command = Command(sql);
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<ReminderEntry>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ReminderEntry(
                    new GrainId(new GrainType(reader.GetString(0)), reader.GetString(1)),
                    reader.GetString(2),
                    new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                    reader.GetTimeSpan(4),
                    reader.GetInt64(5).ToString(CultureInfo.InvariantCulture),
                    reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero)));
            }

            return rows;
        }, cancellationToken);

    private NpgsqlCommand Command(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("service", _serviceId);
        return command;
    }

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string reminderName)
    {
        command.Parameters.AddWithValue("type", grainId.Type.Name);
        command.Parameters.AddWithValue("key", grainId.Key);
        command.Parameters.AddWithValue("name", reminderName);
    }
}
