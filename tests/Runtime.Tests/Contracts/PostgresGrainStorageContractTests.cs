using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Actors.Runtime.Storage.Postgres;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>The grain storage contract against <see cref="PostgresGrainStorage"/>, on a fresh database per class.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresGrainStorageContractTests(PostgresDatabaseFixture fixture)
    : SharedDatabaseGrainStorageContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new(fixture.ConnectionString);

    protected override async Task<IGrainStorage> CreateStorageAsync(string serviceId) =>
        new PostgresGrainStorage(await _database.OpenAsync(), Options.Create(new SiloOptions { ServiceId = serviceId }), NullLogger<PostgresGrainStorage>.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
