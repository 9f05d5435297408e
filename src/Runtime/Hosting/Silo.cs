using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Messaging;
using Actors.Runtime.Reminders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>
/// The silo's start and stop. Start: idle collection and call timeouts begin, then reminders are loaded.
/// Stop: reminders stop, then every activation is deactivated (running requests finish, <c>OnDeactivateAsync</c> runs)
/// within the host's shutdown time.
/// </summary>
internal sealed partial class Silo(
    ActivationTable table,
    ActivationCollector collector,
    RequestTimeoutSweeper timeouts,
    ReminderService reminders,
    IOptions<SiloOptions> options,
    ILogger<Silo> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogSiloStarting(options.Value.SiloName, options.Value.ServiceId);
        collector.Start();
        timeouts.Start();
        await reminders.StartAsync(cancellationToken);
        LogSiloStarted(options.Value.SiloName);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogSiloStopping(options.Value.SiloName, table.Count);
        await reminders.DisposeAsync();
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the silo is stopping");
        var deactivations = table.All.Select(activation =>
        {
            activation.Deactivate(reason);
            return activation.WhenDeactivated();
        }).ToList();
        await Task.WhenAll(deactivations).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        collector.Dispose();
        timeouts.Dispose();
        LogSiloStopped(options.Value.SiloName, table.Count);
    }

    [LoggerMessage(EventIds.SiloStarting, LogLevel.Information, "Silo {SiloName} of service {ServiceId} starting")]
    private partial void LogSiloStarting(string siloName, string serviceId);

    [LoggerMessage(EventIds.SiloStarted, LogLevel.Information, "Silo {SiloName} started")]
    private partial void LogSiloStarted(string siloName);

    [LoggerMessage(EventIds.SiloStopping, LogLevel.Information, "Silo {SiloName} stopping; deactivating {Activations} activations")]
    private partial void LogSiloStopping(string siloName, int activations);

    [LoggerMessage(EventIds.SiloStopped, LogLevel.Information, "Silo {SiloName} stopped ({Remaining} activations did not finish deactivating in time)")]
    private partial void LogSiloStopped(string siloName, int remaining);
}
