using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Testing;

/// <summary>How a <see cref="TestCluster"/> is built.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Silos started by <see cref="TestCluster.StartAsync"/>. Default 3.</summary>
    public int InitialSilos { get; set; } = 3;

    /// <summary>Configures every silo and the client: grain assemblies, and storage when
    /// <see cref="PostgresConnectionString"/> is not set. Called after the cluster's own settings.</summary>
    public Action<SiloBuilder>? ConfigureSilo { get; set; }

    /// <summary>Extra registrations for every silo and the client (a fake <see cref="TimeProvider"/>, say).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>When set, every silo keeps grain state, reminders and membership in this PostgreSQL database (and the
    /// client reads membership from it). When null, they share in-memory stores owned by the cluster, which survive a
    /// silo's stop or kill as a database would.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Membership settings for every silo and the client. Default: faster than production (probe every
    /// 250 ms, 3 misses, heartbeat stale after 1 s, table re-read every 1 s), so a killed silo is declared dead in
    /// about 2 s.</summary>
    public Action<MembershipOptions> ConfigureMembership { get; set; } = options =>
    {
        options.IAmAlivePeriod = TimeSpan.FromMilliseconds(250);
        options.ProbePeriod = TimeSpan.FromMilliseconds(250);
        options.ProbeTimeout = TimeSpan.FromMilliseconds(250);
        options.MissedProbesLimit = 3;
        options.HeartbeatStaleAfter = TimeSpan.FromSeconds(1);
        options.TableRefreshPeriod = TimeSpan.FromSeconds(1);
    };

    /// <summary>Where silos and the client log. Default: nowhere.</summary>
    public ILoggerProvider? LoggerProvider { get; set; }
}
