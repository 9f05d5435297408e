using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Storage;

/// <summary>
/// Runs storage work, classifying failures as transient or permanent (by the store's error codes) and wrapping them in
/// <see cref="StorageException"/> with a message that names the operation. Transient failures of idempotent work are
/// retried with exponential back-off, each try logged.
/// </summary>
internal sealed partial class StorageRetry(
    string storeName, Func<Exception, bool> isTransient, StorageOptions? options, TimeProvider? time, ILogger logger)
{
    private readonly StorageOptions _options = options ?? new StorageOptions();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs a read, retrying transient failures up to <see cref="StorageOptions.ReadAttempts"/> tries.</summary>
    public Task<T> ReadAsync<T>(string operation, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunIdempotentAsync(operation, work, _options.ReadAttempts, cancellationToken);

    /// <summary>Runs an idempotent operation (a read, a migration), retrying transient failures up to
    /// <paramref name="attempts"/> tries (null: until it succeeds or <paramref name="cancellationToken"/> fires).</summary>
    public async Task<T> RunIdempotentAsync<T>(string operation, Func<CancellationToken, Task<T>> work, int? attempts, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(cancellationToken);
            }
            catch (Exception exception) when (exception is not StorageException && isTransient(exception)
                                              && (attempts is null || attempt < attempts) && !cancellationToken.IsCancellationRequested)
            {
                LogRetrying(exception, storeName, operation, attempt, backoff);
                await Task.Delay(backoff, _time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
            catch (Exception exception) when (exception is not StorageException and not OperationCanceledException)
            {
                throw Wrap(operation, exception);
            }
        }
    }

    /// <summary>Runs an operation once (a write: its outcome may be unknown after a failure, so it is not repeated).</summary>
    public async Task<T> RunOnceAsync<T>(string operation, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work(cancellationToken);
        }
        catch (Exception exception) when (exception is not StorageException and not InconsistentStateException and not OperationCanceledException)
        {
            throw Wrap(operation, exception);
        }
    }

    private StorageException Wrap(string operation, Exception exception)
    {
        var transient = isTransient(exception);
        LogFailed(exception, storeName, operation, transient);
        return new StorageException(
            $"{storeName}: {operation} failed ({(transient ? "transient, may succeed later" : "permanent")}): {exception.Message}",
            exception, transient);
    }

    [LoggerMessage(EventIds.StorageRetrying, LogLevel.Warning, "{Store}: {Operation} failed (try {Attempt}); retrying in {Backoff}")]
    private partial void LogRetrying(Exception exception, string store, string operation, int attempt, TimeSpan backoff);

    [LoggerMessage(EventIds.StorageFailed, LogLevel.Error, "{Store}: {Operation} failed (transient: {Transient})")]
    private partial void LogFailed(Exception exception, string store, string operation, bool transient);
}
