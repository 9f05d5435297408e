using Actors.Runtime.Hosting;
using Actors.Runtime.Reminders;
using Actors.Runtime.Storage.Postgres;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>The reminder table contract against <see cref="PostgresReminderTable"/>, on a fresh database per class.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresReminderTableContractTests(PostgresDatabaseFixture fixture)
    : SharedDatabaseReminderTableContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new(fixture.ConnectionString);

    protected override async Task<IReminderTable> CreateTableAsync(string serviceId) =>
        new PostgresReminderTable(await _database.OpenAsync(), Options.Create(new SiloOptions { ServiceId = serviceId }), NullLogger<PostgresReminderTable>.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
