using System.Net;
using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;
using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Placement;
using Actors.Runtime.Reminders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>
/// A silo's part in a cluster: it listens on the silo port, joins the membership table, turns each membership view
/// into the placement ring, and on every view change deactivates (with flush) the activations whose grains another
/// silo now owns and hands the reminder service its new ring ranges. A silo that finds itself declared dead stops
/// its host.
/// </summary>
internal sealed partial class ClusterMember(
    TransportListener listener,
    SiloRequestHandler requestHandler,
    RemoteGrainCalls remote,
    ClusterPlacement placement,
    ActivationTable activations,
    ReminderService reminders,
    IMembershipTable table,
    IOptions<ClusterOptions> options,
    IOptions<MembershipOptions> membershipOptions,
    IOptions<SiloOptions> siloOptions,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers)
{
    /// <summary>The longest a leaving silo waits for the answers of calls it is still running or forwarding.</summary>
    private static readonly TimeSpan AnswerDrainLimit = TimeSpan.FromSeconds(5);

    private static long s_lastGeneration;
    private readonly ILogger _logger = loggers.CreateLogger<ClusterMember>();
    private readonly Lock _applyLock = new();
    private MembershipAgent? _agent;
    private long _appliedVersion = long.MinValue;
    private bool _leaving;

    /// <summary>This silo incarnation, once it has started listening.</summary>
    public SiloAddress? Address => _agent?.Self;

    /// <summary>Starts listening and joins the cluster; returns once this silo is Active and has its first view.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var bound = listener.Start(new IPEndPoint(IPAddress.Parse(settings.ListenAddress), settings.SiloPort));
        var self = new SiloAddress(AdvertisedHost(settings), bound.Port, NextGeneration());
        LogJoining(self, siloOptions.Value.ClusterId);

        placement.Update(-1, [], self);
        placement.Changed += OnPlacementChanged;
        _agent = new MembershipAgent(self, table, new TransportSiloProber(remote.Connections), membershipOptions, siloOptions, time,
            loggers.CreateLogger<MembershipAgent>());
        _agent.ViewChanged += view => placement.Update(view.Version, view.ActiveSilos, leavingSilos: view.LeavingSilos);
        _agent.DeclaredDead += () =>
        {
            LogDeclaredDead(self);
            lifetime.StopApplication();
        };
        await _agent.JoinAsync(cancellationToken).ConfigureAwait(false);
        placement.Update(_agent.View.Version, _agent.View.ActiveSilos, leavingSilos: _agent.View.LeavingSilos);
        LogJoined(self, placement.Current.ToString());
    }

    /// <summary>Leaves gracefully: ShuttingDown (peers stop routing here), <paramref name="deactivateAll"/>, Dead; then
    /// stops listening and closes connections.</summary>
    public async Task LeaveAsync(Func<CancellationToken, Task> deactivateAll, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _leaving, true); // before ShuttingDown is written: the views from then on move nothing here
        if (_agent is { IsDeclaredDead: false } agent)
        {
            LogLeaving(agent.Self);
            await agent.LeaveAsync(deactivateAll, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await deactivateAll(cancellationToken).ConfigureAwait(false);
        }

        await DrainAnswersAsync(cancellationToken).ConfigureAwait(false);
        await StopNetworkAsync().ConfigureAwait(false);
    }

    // Calls that arrived while the silo deactivated were forwarded or rerouted to the new owners; their answers come
    // back through this silo. Closing the connections before they are written would fail those callers with "the
    // remote end closed the connection", though the call ran. Wait (bounded) until none is pending and none is queued.
    private async Task DrainAnswersAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested && time.GetElapsedTime(started) < AnswerDrainLimit)
        {
            if (requestHandler.InFlight == 0 && listener.Connections.All(c => c.QueuedFrames == 0))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // the peers read the last answers
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Drops out as a crash would: no goodbye in the table, heartbeats stop, sockets close.</summary>
    public async Task KillAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync().ConfigureAwait(false);
        await StopNetworkAsync().ConfigureAwait(false);
    }

    private async Task StopNetworkAsync()
    {
        placement.Changed -= OnPlacementChanged;
        if (_agent is not null)
            await _agent.DisposeAsync().ConfigureAwait(false);
        await listener.StopAsync().ConfigureAwait(false);
        await remote.Connections.DisposeAsync().ConfigureAwait(false);
    }

    // Raised on the membership agent's thread under its lock: do the work elsewhere, newest view only.
    private void OnPlacementChanged(PlacementView view) => _ = Task.Run(() => Apply(view));

    private void Apply(PlacementView view)
    {
        lock (_applyLock)
        {
            if (view.Version <= _appliedVersion || view != placement.Current)
                return;
            _appliedVersion = view.Version;
        }

        var moved = 0;
        foreach (var activation in Volatile.Read(ref _leaving) ? [] : activations.All) // leaving: deactivateAll has them all
        {
            if (view.OwnsLocally(activation.GrainId))
                continue;
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.RuntimeRequested,
                $"its grain is owned by {view.OwnerOf(activation.GrainId)?.ToString() ?? "no silo"} in cluster view v{view.Version}"));
            moved++;
        }

        reminders.SetRanges(view.Self is { } self ? view.Ring.RangesOf(self) : []);
        LogViewApplied(view.ToString(), moved);
    }

    private static string AdvertisedHost(ClusterOptions settings) =>
        !string.IsNullOrWhiteSpace(settings.AdvertisedHost) ? settings.AdvertisedHost
        : IPAddress.TryParse(settings.ListenAddress, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) ? Dns.GetHostName()
        : settings.ListenAddress;

    // Milliseconds since the epoch, strictly increasing within the process, so a restart is always a newer incarnation.
    private long NextGeneration()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Interlocked.Read(ref s_lastGeneration);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref s_lastGeneration, next, last) == last)
                return next;
        }
    }

    [LoggerMessage(EventIds.ClusterJoining, LogLevel.Information, "Silo {Silo} joining cluster {ClusterId}")]
    private partial void LogJoining(SiloAddress silo, string clusterId);

    [LoggerMessage(EventIds.ClusterJoined, LogLevel.Information, "Silo {Silo} joined; placement {View}")]
    private partial void LogJoined(SiloAddress silo, string view);

    [LoggerMessage(EventIds.ClusterViewApplied, LogLevel.Information, "Placement {View} applied; {Moved} activations deactivating because another silo owns them now")]
    private partial void LogViewApplied(string view, int moved);

    [LoggerMessage(EventIds.ClusterLeaving, LogLevel.Information, "Silo {Silo} leaving the cluster")]
    private partial void LogLeaving(SiloAddress silo);

    [LoggerMessage(EventIds.SiloDeclaredDeadStopping, LogLevel.Error, "Silo {Silo} was declared dead by its peers; stopping the host")]
    private partial void LogDeclaredDead(SiloAddress silo);
}
