using Actors.Runtime.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>Data sources over a test class's PostgreSQL database: each <see cref="OpenAsync"/> is a new data source
/// (its own connection pool) with the migrations applied (as at silo start), so a second one is a restart. Disposes
/// them all.</summary>
internal sealed class PostgresTestDatabase(string connectionString) : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public async Task<NpgsqlDataSource> OpenAsync()
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        _dataSources.Add(dataSource);
        await PostgresMigrations.ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);
        return dataSource;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
            await dataSource.DisposeAsync();
    }
}
