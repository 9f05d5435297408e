using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Testing;

/// <summary>One silo of a <see cref="TestCluster"/>: a host of its own in this process, listening on a loopback port.</summary>
public sealed class TestSilo
{
    internal TestSilo(string name, IHost host)
    {
        Name = name;
        Host = host;
        Address = Silo.Member?.Address ?? throw new InvalidOperationException($"Silo {name} has not joined.");
    }

    /// <summary>The silo's name (<c>silo-1</c>, …); a restarted silo keeps it.</summary>
    public string Name { get; }

    /// <summary>The silo's host and services.</summary>
    public IHost Host { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => Host.Services;

    /// <summary>This incarnation's address (host, port, generation); still readable after the silo stopped or was killed.</summary>
    public SiloAddress Address { get; }

    /// <summary>A grain factory whose calls start on this silo (local when it owns the grain, else over TCP).</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The placement this silo routes by.</summary>
    public PlacementView Placement => Services.GetRequiredService<ClusterPlacement>().Current;

    /// <summary>Whether <paramref name="grainId"/> has an activation on this silo now.</summary>
    public bool HasActivation(GrainId grainId) => Services.GetRequiredService<Activation.ActivationTable>().TryGet(grainId, out _);

    internal Silo Silo => Services.GetRequiredService<Silo>();

    /// <inheritdoc />
    public override string ToString() => Name;
}
