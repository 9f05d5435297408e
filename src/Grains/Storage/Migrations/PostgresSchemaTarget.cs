using Actors.Grains.Storage.Errors;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Grains.Storage.Migrations;

/// <summary>The migrations of some modules on one PostgreSQL database: through the silo's shared
/// <see cref="NpgsqlDataSource"/>, or through a data source opened for the migration alone (a database the silo
/// otherwise reaches only through Orleans' providers, such as the membership database).</summary>
internal sealed class PostgresSchemaTarget : ISchemaTarget
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly string _connectionString;
    private readonly IReadOnlyList<SchemaModule> _modules;

    public PostgresSchemaTarget(NpgsqlDataSource dataSource, IReadOnlyList<SchemaModule> modules)
    {
        _dataSource = dataSource;
        _connectionString = dataSource.ConnectionString;
        _modules = modules;
    }

    public PostgresSchemaTarget(string connectionString, IReadOnlyList<SchemaModule> modules)
    {
        _connectionString = connectionString;
        _modules = modules;
    }

    public string Description => $"PostgreSQL {new NpgsqlConnectionStringBuilder(_connectionString).Database}";

    public bool IsTransient(Exception exception) => PostgresErrors.IsTransient(exception);

    public async Task<int> MigrateAsync(ILogger logger, CancellationToken cancellationToken)
    {
        if (_dataSource is not null)
            return await PostgresMigrations.ApplyAsync(_dataSource, _modules, logger, cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        return await PostgresMigrations.ApplyAsync(dataSource, _modules, logger, cancellationToken);
    }
}
