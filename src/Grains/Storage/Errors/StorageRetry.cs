using Microsoft.Extensions.Logging;

namespace Actors.Grains.Storage.Errors;

/// <summary>
/// Runs idempotent storage work (a schema migration), retrying failures that <paramref name="isTransient"/> calls
/// transient with exponential back-off, each try logged. Any other failure, or the last transient one, becomes a
/// <see cref="StorageException"/> naming the store and the operation.
/// </summary>
internal sealed partial class StorageRetry(string storeName, Func<Exception, bool> isTransient, StorageOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Runs <paramref name="work"/> until it succeeds, a permanent failure, <see cref="StorageOptions.MigrationAttempts"/>
    /// tries, or <paramref name="cancellationToken"/>.</summary>
    public async Task RunIdempotentAsync(string operation, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && isTransient(exception)
                                              && (options.MigrationAttempts is not { } attempts || attempt < attempts)
                                              && !cancellationToken.IsCancellationRequested)
            {
                LogRetrying(exception, storeName, operation, attempt, backoff);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
            }
            catch (Exception exception) when (exception is not StorageException and not OperationCanceledException)
            {
                var transient = isTransient(exception);
                LogFailed(exception, storeName, operation, transient);
                throw new StorageException(
                    $"{storeName}: {operation} failed ({(transient ? "transient, may succeed later" : "permanent")}): {exception.Message}",
                    exception, transient);
            }
        }
    }

    [LoggerMessage(StorageEventIds.MigrationRetrying, LogLevel.Warning, "{Store}: {Operation} failed (try {Attempt}); retrying in {Backoff}")]
    private partial void LogRetrying(Exception exception, string store, string operation, int attempt, TimeSpan backoff);

    [LoggerMessage(StorageEventIds.MigrationFailed, LogLevel.Error, "{Store}: {Operation} failed (transient: {Transient})")]
    private partial void LogFailed(Exception exception, string store, string operation, bool transient);
}
