using Actors.Runtime;
using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Actors.Runtime.Membership;
using Actors.Runtime.Messaging;
using Actors.Runtime.Reminders;
using Actors.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddHostedService<Silo>();
        return services;
    }

    private static OptionsBuilder<TOptions> AddOptions<TOptions>(IServiceCollection services, string section) where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
}
