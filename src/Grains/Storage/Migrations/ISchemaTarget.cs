namespace Actors.Grains.Storage.Migrations;

/// <summary>A database whose schema a silo brings up to date at start.</summary>
internal interface ISchemaTarget
{
    /// <summary>The database, as named in logs ("PostgreSQL", "SQLite data/actors.db").</summary>
    string Description { get; }

    /// <summary>Whether trying again later can get past <paramref name="exception"/>.</summary>
    bool IsTransient(Exception exception);

    /// <summary>Applies the missing migrations; returns how many were applied.</summary>
    Task<int> MigrateAsync(Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken);
}
