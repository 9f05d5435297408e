namespace Actors.Runtime.Hosting;

/// <summary>
/// Running as one of several silos. Section <c>Actors:Cluster</c>. Off by default: the embedded default is one silo
/// in one process. On, the silo listens for calls from other silos and clients, joins the membership table (PostgreSQL
/// via <c>ConnectionStrings:Actors</c>) and serves the grains its share of the hash ring owns.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Actors:Cluster";

    /// <summary>Join a cluster. Default false (a stand-alone silo that places every grain locally).</summary>
    public bool Enabled { get; set; }

    /// <summary>The local address the silo port binds to. Default <c>127.0.0.1</c>; use <c>0.0.0.0</c> (with
    /// <see cref="AdvertisedHost"/>) to accept other hosts.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP port for silo-to-silo and client-to-silo calls. Default 11111 (as Orleans); 0 picks a free port
    /// (tests).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The host name or IP address other processes use to reach this silo, written to the membership table.
    /// Default: <see cref="ListenAddress"/>, unless that is a wildcard, then this machine's name.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>How many times a call is sent again after silos rejected it because they did not own the grain (their
    /// view of the cluster differed from the caller's), waiting for a newer view between tries. Default 3; then the
    /// caller gets a <see cref="SiloUnavailableException"/>.</summary>
    public int MaxRejectedRetries { get; set; } = 3;

    /// <summary>The longest a rejected call waits for a newer cluster view before it is sent again. Default 1 s.</summary>
    public TimeSpan RejectedRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a silo waits, before activating a grain that a gracefully leaving silo owned, for that silo to
    /// finish deactivating (written Dead or gone from the view), so the grain never runs in both. Default 10 s; after
    /// that it activates anyway (the storage's version check still keeps the state safe). 0 does not wait. The wait is part
    /// of the activation, so keep it below <see cref="GrainCollectionOptions.ActivationTimeout"/>.</summary>
    public TimeSpan HandoverTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
