using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Runtime.Storage.Postgres;

/// <summary>
/// The membership table in PostgreSQL (<c>actors_membership</c> and <c>actors_membership_version</c>; the concurrency
/// argument is in <c>Migrations/0001_initial.sql</c>). Every insert and update bumps the cluster's table version in the
/// same transaction and sends <c>NOTIFY actors_membership</c>; <see cref="WatchAsync"/> listens for it.
/// </summary>
public sealed partial class PostgresMembershipTable : IMembershipTable
{
    private const string Channel = "actors_membership";
    private const string RowKey = "cluster_id = @cluster and host = @host and port = @port and generation = @generation";
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly StorageRetry _retry;
    private readonly ILogger _logger;

    /// <summary>Creates the table over <paramref name="dataSource"/>, for the rows of the configured cluster id.</summary>
    public PostgresMembershipTable(NpgsqlDataSource dataSource, IOptions<SiloOptions> silo, ILogger<PostgresMembershipTable> logger,
        IOptions<StorageOptions>? storage = null, TimeProvider? time = null)
    {
        _dataSource = dataSource;
        _clusterId = silo.Value.ClusterId;
        _logger = logger;
        _retry = new StorageRetry("PostgreSQL", PostgresErrors.IsTransient, storage?.Value, time, logger);
    }

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken) =>
        _retry.ReadAsync($"reading membership of cluster '{_clusterId}'", async ct =>
        {
            // One statement, so the rows and the version are from the same snapshot.
            await using var command = _dataSource.CreateCommand(
                "select v.version, m.host, m.port, m.generation, m.status, m.silo_name, m.start_time, m.i_am_alive, m.suspicions::text, m.row_version " +
                "from actors_membership_version v left join actors_membership m on m.cluster_id = v.cluster_id where v.cluster_id = @cluster");
            command.Parameters.AddWithValue("cluster", _clusterId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            long version = 0;
            var entries = new List<MembershipEntry>();
            while (await reader.ReadAsync(ct))
            {
                version = reader.GetInt64(0);
                if (reader.IsDBNull(1))
                    continue;
                entries.Add(new MembershipEntry(
                    new SiloAddress(reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)),
                    (SiloStatus)reader.GetInt16(4),
                    reader.GetString(5),
                    new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
                    new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero),
                    JsonSerializer.Deserialize<List<SuspicionVote>>(reader.GetString(8))!,
                    reader.GetInt64(9).ToString(CultureInfo.InvariantCulture)));
            }

            return new MembershipSnapshot(version, entries);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync($"inserting membership row of {entry.Silo}", expectedVersion, async (connection, transaction, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "insert into actors_membership (cluster_id, host, port, generation, status, silo_name, start_time, i_am_alive, suspicions, row_version) " +
                "values (@cluster, @host, @port, @generation, @status, @name, @start, @alive, @suspicions, 1) on conflict do nothing",
                connection, transaction);
            BindRow(command, entry);
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync($"updating membership row of {entry.Silo}", expectedVersion, async (connection, transaction, ct) =>
        {
            if (!long.TryParse(entry.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out var rowVersion))
                return false;
            await using var command = new NpgsqlCommand(
                "update actors_membership set status = @status, silo_name = @name, start_time = @start, i_am_alive = @alive, " +
                $"suspicions = @suspicions, row_version = row_version + 1 where {RowKey} and row_version = @rowVersion",
                connection, transaction);
            BindRow(command, entry);
            command.Parameters.AddWithValue("rowVersion", rowVersion);
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync($"recording heartbeat of {silo}", async ct =>
        {
            await using var command = _dataSource.CreateCommand($"update actors_membership set i_am_alive = @alive where {RowKey}");
            BindKey(command, silo);
            command.Parameters.AddWithValue("alive", time.UtcDateTime);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync($"deleting defunct membership rows of cluster '{_clusterId}'", async ct =>
        {
            await using var command = _dataSource.CreateCommand(
                "delete from actors_membership where cluster_id = @cluster and status = @dead and i_am_alive < @before");
            command.Parameters.AddWithValue("cluster", _clusterId);
            command.Parameters.AddWithValue("dead", (short)SiloStatus.Dead);
            command.Parameters.AddWithValue("before", before.UtcDateTime);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<long> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var versions = System.Threading.Channels.Channel.CreateUnbounded<long>();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, notification) =>
        {
            // Payload: "<version>:<cluster id>".
            var separator = notification.Payload.IndexOf(':', StringComparison.Ordinal);
            if (separator > 0 && notification.Payload[(separator + 1)..] == _clusterId
                              && long.TryParse(notification.Payload[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Writer.TryWrite(version);
            }
        };
        await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
            await listen.ExecuteNonQueryAsync(cancellationToken);

        // The pump owns the connection until it ends; stop it (and wait) before the connection is disposed, whether the
        // caller cancelled or simply stopped iterating.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpNotificationsAsync(connection, versions.Writer, stop.Token);
        try
        {
            await foreach (var version in versions.Reader.ReadAllAsync(cancellationToken))
                yield return version;
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    private async Task PumpNotificationsAsync(NpgsqlConnection connection, ChannelWriter<long> versions, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
                await connection.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogWatchFailed(exception, _clusterId);
        }
        finally
        {
            versions.TryComplete();
        }
    }

    private Task<bool> ChangeAsync(string operation, long expectedVersion,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<bool>> change, CancellationToken cancellationToken) =>
        _retry.RunOnceAsync(operation, async ct =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var ensure = new NpgsqlCommand(
                             "insert into actors_membership_version (cluster_id, version) values (@cluster, 0) on conflict do nothing", connection, transaction))
            {
                ensure.Parameters.AddWithValue("cluster", _clusterId);
                await ensure.ExecuteNonQueryAsync(ct);
            }

            await using (var bump = new NpgsqlCommand(
                             "update actors_membership_version set version = version + 1 where cluster_id = @cluster and version = @expected", connection, transaction))
            {
                bump.Parameters.AddWithValue("cluster", _clusterId);
                bump.Parameters.AddWithValue("expected", expectedVersion);
                if (await bump.ExecuteNonQueryAsync(ct) != 1)
                    return false; // disposing the transaction rolls it back
            }

            if (!await change(connection, transaction, ct))
                return false;

            await using (var notify = new NpgsqlCommand("select pg_notify(@channel, @payload)", connection, transaction))
            {
                notify.Parameters.AddWithValue("channel", Channel);
                notify.Parameters.AddWithValue("payload", $"{expectedVersion + 1}:{_clusterId}");
                await notify.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);

    private void BindRow(NpgsqlCommand command, MembershipEntry entry)
    {
        BindKey(command, entry.Silo);
        command.Parameters.AddWithValue("status", (short)entry.Status);
        command.Parameters.AddWithValue("name", entry.SiloName);
        command.Parameters.AddWithValue("start", entry.StartTime.UtcDateTime);
        command.Parameters.AddWithValue("alive", entry.IAmAliveTime.UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter("suspicions", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(entry.Suspicions) });
    }

    private void BindKey(NpgsqlCommand command, SiloAddress silo)
    {
        command.Parameters.AddWithValue("cluster", _clusterId);
        command.Parameters.AddWithValue("host", silo.Host);
        command.Parameters.AddWithValue("port", silo.Port);
        command.Parameters.AddWithValue("generation", silo.Generation);
    }

    [LoggerMessage(Diagnostics.EventIds.MembershipWatchFailed, LogLevel.Warning, "Listening for membership changes of cluster '{ClusterId}' failed; silos still poll")]
    private partial void LogWatchFailed(Exception exception, string clusterId);
}
