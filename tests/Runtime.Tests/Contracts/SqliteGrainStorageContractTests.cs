using Actors.Runtime.Hosting;
using Actors.Runtime.Persistence;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>The grain storage contract against <see cref="SqliteGrainStorage"/>, on a temporary file per test.</summary>
public sealed class SqliteGrainStorageContractTests : SharedDatabaseGrainStorageContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IGrainStorage> CreateStorageAsync(string serviceId) =>
        new SqliteGrainStorage(await _database.OpenAsync(), Options.Create(new SiloOptions { ServiceId = serviceId }), NullLogger<SqliteGrainStorage>.Instance);

    public void Dispose() => _database.Dispose();
}
