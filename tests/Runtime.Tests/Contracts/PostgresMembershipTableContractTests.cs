using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Storage.Postgres;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>The membership table contract against <see cref="PostgresMembershipTable"/>, on a fresh database per class.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresMembershipTableContractTests(PostgresDatabaseFixture fixture)
    : SharedDatabaseMembershipTableContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new(fixture.ConnectionString);

    protected override async Task<IMembershipTable> CreateTableAsync(string clusterId) =>
        new PostgresMembershipTable(await _database.OpenAsync(), Options.Create(new SiloOptions { ClusterId = clusterId }), NullLogger<PostgresMembershipTable>.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
