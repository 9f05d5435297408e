using Actors.Runtime.Hosting;
using Actors.Runtime.Reminders;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>The reminder table contract against <see cref="SqliteReminderTable"/>, on a temporary file per test.</summary>
public sealed class SqliteReminderTableContractTests : SharedDatabaseReminderTableContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IReminderTable> CreateTableAsync(string serviceId) =>
        new SqliteReminderTable(await _database.OpenAsync(), Options.Create(new SiloOptions { ServiceId = serviceId }), NullLogger<SqliteReminderTable>.Instance);

    public void Dispose() => _database.Dispose();
}
