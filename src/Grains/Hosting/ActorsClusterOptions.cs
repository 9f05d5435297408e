namespace Actors.Grains.Hosting;

/// <summary>How a process joins the Orleans cluster. Section <c>Actors:Cluster</c>.</summary>
public sealed class ActorsClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Actors:Cluster";

    /// <summary>False (default): the embedded default, one silo in the API process on loopback
    /// (<c>UseLocalhostClustering</c>). True: silos find each other, and API processes find the silos, through the
    /// membership table in PostgreSQL (<c>ConnectionStrings:Actors</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>Orleans' cluster id: processes with the same id form one cluster (the membership table's
    /// <c>DeploymentId</c>). Default <c>actors</c>.</summary>
    public string ClusterId { get; set; } = "actors";

    /// <summary>Orleans' service id: part of every stored grain state and reminder key, so it must stay the same across
    /// deployments of one site. Default <c>actors</c>.</summary>
    public string ServiceId { get; set; } = "actors";

    /// <summary>The silo's name, shown in the membership table and the dashboard. Default: Orleans' (machine name and a
    /// random suffix).</summary>
    public string? SiloName { get; set; }

    /// <summary>The port silos talk to each other on. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port cluster clients (API processes) connect to; 0 turns the gateway off (the embedded default needs
    /// none). Default 30000 in a cluster, 0 in the embedded default.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>The IP address other processes reach this silo at (stored in the membership table). Default: loopback
    /// in the embedded default; in a cluster, the host's first non-loopback IPv4 address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Listen on every local address instead of only <see cref="AdvertisedAddress"/> (behind NAT or in a
    /// container). Default false.</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
