using Actors.Runtime;
using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Actors.Runtime.Membership;
using Actors.Runtime.Messaging;
using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Placement;
using Actors.Runtime.Reminders;
using Actors.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the actor runtime to a host. This is the one place where the runtime's services are registered.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo: this process hosts grain activations and answers grain calls, and gets an <see cref="IGrainFactory"/>.
    /// Options bind from the <c>Actors:*</c> configuration sections; a <see cref="TimeProvider"/> registered before this
    /// call (a fake one in tests) replaces the system clock everywhere in the runtime.
    /// </summary>
    public static IServiceCollection AddActorSilo(this IServiceCollection services, Action<SiloBuilder>? configure = null)
    {
        AddRuntime(services, configure);
        services.TryAddSingleton<Silo>();
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        return services;
    }

    /// <summary>
    /// Adds a cluster client: this process hosts no grains and sends every call over TCP to the silo that owns the grain,
    /// reading the silos from the membership table. <paramref name="configure"/> names the grain assemblies (so the client
    /// knows each interface's grain type) and the database holding the membership table, as for a silo.
    /// </summary>
    public static IServiceCollection AddActorClient(this IServiceCollection services, Action<SiloBuilder>? configure = null)
    {
        AddRuntime(services, configure);
        services.Configure<ClusterOptions>(o => o.Enabled = true);
        services.AddHostedService<ClusterClient>();
        return services;
    }

    private static void AddRuntime(IServiceCollection services, Action<SiloBuilder>? configure)
    {
        var assemblies = new GrainAssemblies();
        var schema = new SchemaModules();
        services.AddSingleton(assemblies);
        services.AddSingleton(schema);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        // Options, bound from configuration and checked at start.
        AddOptions<SiloOptions>(services, "Actors:Silo");
        AddOptions<MessagingOptions>(services, "Actors:Messaging")
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero, "Actors:Messaging:ResponseTimeout must be positive.")
            .Validate(o => o.TimeoutCheckPeriod > TimeSpan.Zero, "Actors:Messaging:TimeoutCheckPeriod must be positive.");
        AddOptions<GrainCollectionOptions>(services, "Actors:GrainCollection")
            .Validate(o => o.CollectionAge > TimeSpan.Zero, "Actors:GrainCollection:CollectionAge must be positive.")
            .Validate(o => o.CollectionQuantum > TimeSpan.Zero, "Actors:GrainCollection:CollectionQuantum must be positive.");
        AddOptions<SchedulingOptions>(services, "Actors:Scheduling")
            .Validate(o => o.TurnQuantum > TimeSpan.Zero, "Actors:Scheduling:TurnQuantum must be positive.");
        AddOptions<ReminderOptions>(services, "Actors:Reminders")
            .Validate(o => o.MinimumReminderPeriod > TimeSpan.Zero, "Actors:Reminders:MinimumReminderPeriod must be positive.")
            .Validate(o => o.RefreshPeriod > TimeSpan.Zero, "Actors:Reminders:RefreshPeriod must be positive.");
        AddOptions<ClusterOptions>(services, ClusterOptions.Section)
            .Validate(o => System.Net.IPAddress.TryParse(o.ListenAddress, out _), "Actors:Cluster:ListenAddress must be an IP address.")
            .Validate(o => o.SiloPort is >= 0 and <= 65535, "Actors:Cluster:SiloPort must be between 0 and 65535.")
            .Validate(o => o.MaxRejectedRetries >= 0, "Actors:Cluster:MaxRejectedRetries must be 0 or more.")
            .Validate(o => o.RejectedRetryDelay > TimeSpan.Zero, "Actors:Cluster:RejectedRetryDelay must be positive.")
            .Validate(o => o.HandoverTimeout >= TimeSpan.Zero, "Actors:Cluster:HandoverTimeout must not be negative.");
        AddOptions<TransportOptions>(services, TransportOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TransportOptions>, TransportOptionsValidator>());
        AddOptions<MembershipOptions>(services, MembershipOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipOptions>, MembershipOptionsValidator>());

        // Grains, activations and the call path.
        services.TryAddSingleton(sp => new GrainClassRegistry(
            sp.GetRequiredService<GrainAssemblies>().All, sp.GetRequiredService<IOptions<GrainCollectionOptions>>().Value));
        services.TryAddSingleton<ActivationServices>();
        services.TryAddSingleton<ActivationTable>();
        services.TryAddSingleton<ActivationCollector>();
        services.TryAddSingleton<GrainCallRouter>();
        services.TryAddSingleton<IGrainCallInvoker>(sp => sp.GetRequiredService<GrainCallRouter>());
        services.TryAddSingleton<RequestTimeoutSweeper>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();

        // The cluster: placement ring, TCP transport, serving calls from other processes, membership.
        services.TryAddSingleton(_ => new ClusterPlacement());
        services.TryAddSingleton(sp => new TransportConnections(
            sp.GetRequiredService<IOptions<TransportOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<RemoteGrainCalls>();
        services.TryAddSingleton<SiloRequestHandler>();
        services.TryAddSingleton<ITransportHandler>(sp => sp.GetRequiredService<SiloRequestHandler>());
        services.TryAddSingleton<TransportListener>();
        services.TryAddSingleton<ClusterMember>();

        // Reminders and membership (in memory unless the builder chooses a database).
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
        services.TryAddSingleton<IMembershipTable, InMemoryMembershipTable>();
        services.TryAddSingleton<ReminderService>();
        services.TryAddSingleton<ReminderRegistry>();

        // Diagnostics.
        services.TryAddSingleton<RuntimeMetrics>();
        services.TryAddSingleton<SiloStatisticsCollector>();

        // Storage and other start-up work registered by the builder runs before the silo starts.
        configure?.Invoke(new SiloBuilder(services, assemblies, schema));
    }

    private static OptionsBuilder<TOptions> AddOptions<TOptions>(IServiceCollection services, string section) where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
}
