using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Storage;

/// <summary>
/// Prepares the silo's database before the silo starts (it is registered before the silo's hosted service): applies
/// the schema migrations, waiting with back-off while the database is unreachable, and failing start with a clear
/// message on a permanent error (wrong password, missing database).
/// </summary>
internal sealed class StorageStartup(StorageRetry retry, Func<CancellationToken, Task> migrate) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        retry.RunIdempotentAsync("applying schema migrations at start", async ct =>
        {
            await migrate(ct);
            return true;
        }, attempts: null, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
