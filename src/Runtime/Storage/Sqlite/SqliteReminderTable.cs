using System.Globalization;
using Actors.Runtime.Hosting;
using Actors.Runtime.Placement;
using Actors.Runtime.Reminders;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Storage.Sqlite;

/// <summary>Reminder rows in the embedded SQLite file (<c>actors_reminders</c>), with the same rules as
/// <see cref="Postgres.PostgresReminderTable"/>. Times are stored as UTC ticks.</summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period, version, last_tick";
    private const string KeyMatch = "service_id = $service and grain_type = $type and grain_key = $key and reminder_name = $name";
    private readonly SqliteStore _store;
    private readonly string _serviceId;
    private readonly StorageRetry _retry;

    /// <summary>Creates the table over <paramref name="store"/>, for the rows of the configured service id.</summary>
    public SqliteReminderTable(SqliteStore store, IOptions<SiloOptions> silo, ILogger<SqliteReminderTable> logger,
        IOptions<StorageOptions>? storage = null, TimeProvider? time = null)
    {
        _store = store;
        _serviceId = silo.Value.ServiceId;
        _retry = new StorageRetry("SQLite", SqliteErrors.IsTransient, storage?.Value, time, logger);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(RingRange range, CancellationToken cancellationToken)
    {
        var condition = range.IsFull ? "1"
            : range.Wraps ? "(grain_hash > $begin or grain_hash <= $end)"
            : "grain_hash > $begin and grain_hash <= $end";
        return ReadAsync($"reading reminders of ring range {range}", $"select {Columns} from actors_reminders where service_id = $service and {condition}",
            command =>
            {
                command.Parameters.AddWithValue("$begin", (long)range.Begin);
                command.Parameters.AddWithValue("$end", (long)range.End);
            }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync($"reading reminders of grain {grainId}",
            $"select {Columns} from actors_reminders where service_id = $service and grain_type = $type and grain_key = $key",
            command =>
            {
                command.Parameters.AddWithValue("$type", grainId.Type.Name);
                command.Parameters.AddWithValue("$key", grainId.Key);
            }, cancellationToken);

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        (await ReadAsync($"reading reminder '{reminderName}' of grain {grainId}", $"select {Columns} from actors_reminders where {KeyMatch}",
            command => AddKey(command, grainId, reminderName), cancellationToken)).SingleOrDefault();

    /// <inheritdoc />
    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken) =>
        // Versions come from one counter, so a reminder removed and registered again never reuses an old ETag. The
        // counter and the row change in one immediate transaction.
        ExecuteAsync($"writing reminder '{entry.ReminderName}' of grain {entry.GrainId}",
            "insert into actors_sequences (name, value) values ('reminder_version', 1) " +
            "on conflict (name) do update set value = value + 1; " +
            "insert into actors_reminders (service_id, grain_type, grain_key, reminder_name, grain_hash, start_at, period, version, last_tick) " +
            "values ($service, $type, $key, $name, $hash, $start, $period, (select value from actors_sequences where name = 'reminder_version'), $lastTick) " +
            "on conflict (service_id, grain_type, grain_key, reminder_name) do update set grain_hash = excluded.grain_hash, " +
            "start_at = excluded.start_at, period = excluded.period, last_tick = excluded.last_tick, version = excluded.version " +
            "returning version",
            command =>
            {
                AddKey(command, entry.GrainId, entry.ReminderName);
                command.Parameters.AddWithValue("$hash", (long)entry.GrainId.UniformHash);
                command.Parameters.AddWithValue("$start", entry.StartAt.UtcTicks);
                command.Parameters.AddWithValue("$period", entry.Period.Ticks);
                command.Parameters.AddWithValue("$lastTick", entry.LastTick is { } tick ? tick.UtcTicks : DBNull.Value);
            },
            async command => ((long)(await command.ExecuteScalarAsync())!).ToString(CultureInfo.InvariantCulture),
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        ExecuteAsync($"removing reminder '{reminderName}' of grain {grainId}",
            $"delete from actors_reminders where {KeyMatch} and version = $version",
            command =>
            {
                AddKey(command, grainId, reminderName);
                command.Parameters.AddWithValue("$version", long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1);
            },
            async command => await command.ExecuteNonQueryAsync() > 0,
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RecordTickAsync(GrainId grainId, string reminderName, DateTimeOffset tick, CancellationToken cancellationToken) =>
        ExecuteAsync($"recording a tick of reminder '{reminderName}' of grain {grainId}",
            $"update actors_reminders set last_tick = $tick where {KeyMatch}",
            command =>
            {
                AddKey(command, grainId, reminderName);
                command.Parameters.AddWithValue("$tick", tick.UtcTicks);
            },
            async command => await command.ExecuteNonQueryAsync() > 0,
            cancellationToken);

    private Task<T> ExecuteAsync<T>(string operation, string sql, Action<SqliteCommand> bind, Func<SqliteCommand, Task<T>> run, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync(operation, async ct =>
        {
            await using var connection = await _store.OpenConnectionAsync(ct);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$service", _serviceId);
            bind(command);
            var result = await run(command);
            transaction.Commit();
            return result;
        }, cancellationToken);

    private Task<IReadOnlyList<ReminderEntry>> ReadAsync(string operation, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        _retry.ReadAsync<IReadOnlyList<ReminderEntry>>(operation, async ct =>
        {
            await using var connection = await _store.OpenConnectionAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$service", _serviceId);
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<ReminderEntry>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ReminderEntry(
                    new GrainId(new GrainType(reader.GetString(0)), reader.GetString(1)),
                    reader.GetString(2),
                    new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                    TimeSpan.FromTicks(reader.GetInt64(4)),
                    reader.GetInt64(5).ToString(CultureInfo.InvariantCulture),
                    reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero)));
            }

            return rows;
        }, cancellationToken);

    // The service id is bound by ReadAsync / ExecuteAsync.
    private static void AddKey(SqliteCommand command, GrainId grainId, string reminderName)
    {
        command.Parameters.AddWithValue("$type", grainId.Type.Name);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", reminderName);
    }
}
