using Actors.Grains.Storage.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Actors.Grains.Storage.Migrations;

/// <summary>
/// Brings a silo's database schema up to date at silo start, at <see cref="Stage"/>: before membership
/// (<see cref="ServiceLifecycleStage.RuntimeGrainServices"/>) and the storage and reminder providers
/// (<see cref="ServiceLifecycleStage.ApplicationServices"/> and later) read their query texts. Transient failures (the
/// database is unreachable, restarting, busy) are retried with back-off and logged; a permanent one fails the start
/// with a <see cref="StorageException"/> naming the database.
/// </summary>
internal sealed partial class SchemaMigrationParticipant(
    ISchemaTarget target, IOptions<StorageOptions> options, TimeProvider time, ILogger<SchemaMigrationParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The silo lifecycle stage of the migrations: just before the runtime initialises.</summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), Stage, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        LogMigrating(target.Description);
        var retry = new StorageRetry(target.Description, target.IsTransient, options.Value, time, logger);
        var applied = 0;
        await retry.RunIdempotentAsync("applying schema migrations at silo start",
            async ct => applied = await target.MigrateAsync(logger, ct), cancellationToken);
        LogMigrated(target.Description, applied);
    }

    [LoggerMessage(StorageEventIds.MigratingAtStart, LogLevel.Information, "{Database}: bringing the schema up to date before the silo starts")]
    private partial void LogMigrating(string database);

    [LoggerMessage(StorageEventIds.MigratedAtStart, LogLevel.Information, "{Database}: schema up to date ({Applied} migrations applied now)")]
    private partial void LogMigrated(string database, int applied);
}
