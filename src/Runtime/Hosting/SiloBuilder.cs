using System.Reflection;
using Actors.Runtime.Persistence;
using Actors.Runtime.Reminders;
using Actors.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Runtime.Hosting;

/// <summary>Configures the silo added by <see cref="RuntimeServiceCollectionExtensions.AddActorSilo"/>: which assemblies
/// hold grain classes, and which storage and reminder providers to use.</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services, GrainAssemblies assemblies, SchemaModules schema)
    {
        Services = services;
        Assemblies = assemblies;
        Schema = schema;
    }

    /// <summary>The service collection, for registrations the builder has no verb for.</summary>
    public IServiceCollection Services { get; }

    internal GrainAssemblies Assemblies { get; }

    internal SchemaModules Schema { get; }

    /// <summary>Looks for grain classes in <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrainAssembly(Assembly assembly)
    {
        Assemblies.Add(assembly);
        return this;
    }

    /// <summary>Looks for grain classes in the assembly that declares <typeparamref name="T"/>.</summary>
    public SiloBuilder AddGrainsFromAssemblyOf<T>() => AddGrainAssembly(typeof(T).Assembly);

    /// <summary>Registers an in-memory grain storage provider named <paramref name="name"/> (lost on restart).</summary>
    public SiloBuilder AddMemoryGrainStorage(string name = PersistentStateAttribute.DefaultStorage)
    {
        Services.AddKeyedSingleton<IGrainStorage, MemoryGrainStorage>(name);
        return this;
    }

    /// <summary>Keeps reminders in memory (lost on restart). This is the default when no table is configured.</summary>
    public SiloBuilder UseMemoryReminderTable()
    {
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable, MemoryReminderTable>());
        return this;
    }

    /// <summary>Adds an assembly's own tables: its embedded <c>Postgres/Migrations</c> and <c>Sqlite/Migrations</c> scripts are
    /// applied at start, after the runtime's, by whichever database the silo uses.</summary>
    public SiloBuilder AddSchemaModule(string name, Assembly assembly)
    {
        Schema.Add(new SchemaModule(name, assembly));
        return this;
    }

    /// <summary>Configures one of the runtime's options classes.</summary>
    public SiloBuilder Configure<TOptions>(Action<TOptions> configure) where TOptions : class
    {
        Services.Configure(configure);
        return this;
    }
}

/// <summary>The assemblies searched for grain classes.</summary>
internal sealed class GrainAssemblies
{
    private readonly List<Assembly> _assemblies = [typeof(GrainAssemblies).Assembly];

    public IReadOnlyList<Assembly> All => _assemblies;

    public void Add(Assembly assembly)
    {
        if (!_assemblies.Contains(assembly))
            _assemblies.Add(assembly);
    }
}
