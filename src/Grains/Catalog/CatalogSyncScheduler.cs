using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Catalog;

/// <summary>
/// At silo start (once the silo is active), asks the site's <see cref="ICatalogSyncGrain"/> to register its reminder —
/// idempotent, so every silo of a cluster does it — when <c>Catalog:ApiUrl</c> is set. It runs in the background and
/// retries (<see cref="CatalogOptions.RegistrationAttempts"/>, <see cref="CatalogOptions.RegistrationRetryDelay"/>), so a
/// slow reminder table never holds the silo's start.
/// </summary>
internal sealed partial class CatalogSyncScheduler(
    IGrainFactory grains,
    IOptionsMonitor<CatalogOptions> options,
    TimeProvider time,
    ILogger<CatalogSyncScheduler> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _scheduling = Task.CompletedTask;

    /// <summary>The scheduling at start, for tests and shutdown.</summary>
    public Task Scheduling => _scheduling;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CatalogSyncScheduler), ServiceLifecycleStage.Active, OnActiveAsync, OnStoppingAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Enabled)
            _scheduling = Task.Run(ScheduleAsync);
        return Task.CompletedTask;
    }

    private async Task OnStoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _scheduling.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ScheduleAsync()
    {
        var settings = options.CurrentValue;
        for (var attempt = 1; attempt <= settings.RegistrationAttempts && !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<ICatalogSyncGrain>(CatalogSites.Default).ScheduleAsync(_stopping.Token);
                return;
            }
            catch (Exception exception) when (!_stopping.IsCancellationRequested)
            {
                LogScheduleFailed(exception, attempt, settings.RegistrationAttempts);
                if (attempt < settings.RegistrationAttempts)
                    await Task.Delay(settings.RegistrationRetryDelay, time, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(CatalogEventIds.ScheduleFailed, LogLevel.Warning, "Catalog sync: registering the reminder failed (attempt {Attempt} of {Attempts})")]
    private partial void LogScheduleFailed(Exception exception, int attempt, int attempts);
}
