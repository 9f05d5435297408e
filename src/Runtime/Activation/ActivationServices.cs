using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Messaging;
using Actors.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Activation;

/// <summary>What every activation of a silo shares: clock, options, logger, metrics, and the router for re-sending
/// requests. One instance per silo, so an activation itself stays small.</summary>
internal sealed class ActivationServices(
    IServiceProvider services,
    TimeProvider time,
    IOptions<GrainCollectionOptions> collection,
    IOptions<SchedulingOptions> scheduling,
    ILogger<Activation> logger,
    RuntimeMetrics metrics,
    ClusterPlacement placement,
    IOptions<ClusterOptions> cluster)
{
    private GrainCallRouter? _router;

    public IServiceProvider Services { get; } = services;
    public TimeProvider Time { get; } = time;
    public GrainCollectionOptions Collection { get; } = collection.Value;
    public TimeSpan TurnQuantum { get; } = scheduling.Value.TurnQuantum;
    public bool StartIdleTurnsOnCaller { get; } = scheduling.Value.StartIdleTurnsOnCaller;
    public ILogger Logger { get; } = logger;
    public RuntimeMetrics Metrics { get; } = metrics;
    public ClusterPlacement Placement { get; } = placement;
    public TimeSpan HandoverTimeout { get; } = cluster.Value.Enabled ? cluster.Value.HandoverTimeout : TimeSpan.Zero;

    // Resolved on first use: the router depends on the activation table, which depends on this.
    public GrainCallRouter Router => _router ??= Services.GetRequiredService<GrainCallRouter>();
}
