using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Messaging;
using Actors.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>
/// The silo's start and stop. Start: idle collection and call timeouts begin; in a cluster the silo then listens and
/// joins (<see cref="ClusterMember"/>); then reminders are loaded. Stop: reminders stop, then every activation is
/// deactivated (running requests finish, <c>OnDeactivateAsync</c> runs) within the host's shutdown time; in a cluster
/// that happens between ShuttingDown and Dead in the membership table.
/// </summary>
internal sealed partial class Silo(
    ActivationTable table,
    ActivationCollector collector,
    RequestTimeoutSweeper timeouts,
    ReminderService reminders,
    IServiceProvider services,
    IOptions<SiloOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<Silo> logger) : IHostedService
{
    private ClusterMember? _member;

    /// <summary>This silo's cluster membership, or null for a stand-alone silo.</summary>
    public ClusterMember? Member => _member;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogSiloStarting(options.Value.SiloName, options.Value.ServiceId);
        collector.Start();
        timeouts.Start();
        if (cluster.Value.Enabled)
        {
            _member = services.GetRequiredService<ClusterMember>();
            await _member.JoinAsync(cancellationToken);
        }

        await reminders.StartAsync(cancellationToken);
        LogSiloStarted(options.Value.SiloName);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogSiloStopping(options.Value.SiloName, table.Count);
        await reminders.DisposeAsync();
        if (_member is not null)
            await _member.LeaveAsync(DeactivateAllAsync, cancellationToken);
        else
            await DeactivateAllAsync(cancellationToken);
        collector.Dispose();
        timeouts.Dispose();
        LogSiloStopped(options.Value.SiloName, table.Count);
    }

    /// <summary>Stops as a crash would, for tests of failure: no goodbye in the membership table, no deactivation and no
    /// state flushed; the listener and connections close and reminders and timers stop.</summary>
    internal async Task KillAsync()
    {
        LogSiloKilled(options.Value.SiloName, table.Count);
        await reminders.DisposeAsync();
        if (_member is not null)
            await _member.KillAsync();
        collector.Dispose();
        timeouts.Dispose();
    }

    private async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the silo is stopping");
        var deactivations = table.All.Select(activation =>
        {
            activation.Deactivate(reason);
            return activation.WhenDeactivated();
        }).ToList();
        await Task.WhenAll(deactivations).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [LoggerMessage(EventIds.SiloStarting, LogLevel.Information, "Silo {SiloName} of service {ServiceId} starting")]
    private partial void LogSiloStarting(string siloName, string serviceId);

    [LoggerMessage(EventIds.SiloStarted, LogLevel.Information, "Silo {SiloName} started")]
    private partial void LogSiloStarted(string siloName);

    [LoggerMessage(EventIds.SiloStopping, LogLevel.Information, "Silo {SiloName} stopping; deactivating {Activations} activations")]
    private partial void LogSiloStopping(string siloName, int activations);

    [LoggerMessage(EventIds.SiloStopped, LogLevel.Information, "Silo {SiloName} stopped ({Remaining} activations did not finish deactivating in time)")]
    private partial void LogSiloStopped(string siloName, int remaining);

    [LoggerMessage(EventIds.SiloKilled, LogLevel.Warning, "Silo {SiloName} killed with {Activations} activations (no deactivation, no goodbye)")]
    private partial void LogSiloKilled(string siloName, int activations);
}
