using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Grains.Hosting;

/// <summary>Logs one line when the silo has become Active in its cluster (and is serving calls), naming the silo, its
/// address and the cluster: what an operator, the local cluster script and the process tests wait for.</summary>
public sealed partial class SiloActiveLogger(ILocalSiloDetails silo, IOptions<ClusterOptions> cluster, ILogger<SiloActiveLogger> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The text of the line that processes watching the log wait for.</summary>
    public const string ActiveMessageMarker = "is active in cluster";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloActiveLogger), ServiceLifecycleStage.Active, _ =>
        {
            LogActive(silo.Name, silo.SiloAddress.ToParsableString(), cluster.Value.ClusterId, silo.GatewayAddress?.ToParsableString() ?? "none");
            return Task.CompletedTask;
        });

    [LoggerMessage(1000, LogLevel.Information, "Silo {SiloName} (" + "{SiloAddress}) " + ActiveMessageMarker + " {ClusterId}; gateway {Gateway}")]
    private partial void LogActive(string siloName, string siloAddress, string clusterId, string gateway);
}
