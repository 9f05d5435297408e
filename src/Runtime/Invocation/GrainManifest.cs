using System.Collections.Concurrent;
using System.Reflection;

namespace Actors.Runtime.Invocation;

/// <summary>Creates the generated proxy of one grain interface for one grain.</summary>
public delegate GrainReference GrainProxyFactory(IGrainCallInvoker invoker, GrainId grainId);

/// <summary>Implemented by the generated manifest of each assembly that declares grain interfaces.</summary>
public interface IGrainManifestProvider
{
    /// <summary>Adds the assembly's proxies to <paramref name="builder"/>.</summary>
    void Populate(GrainManifestBuilder builder);
}

/// <summary>Names the generated <see cref="IGrainManifestProvider"/> of an assembly. Written by the code generator.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class GrainManifestProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The generated provider type.</summary>
    public Type ProviderType { get; } = providerType;
}

/// <summary>Collects the proxy factories a generated manifest declares.</summary>
public sealed class GrainManifestBuilder
{
    internal Dictionary<Type, GrainProxyFactory> Proxies { get; } = new();

    /// <summary>Declares the proxy for <paramref name="grainInterface"/>.</summary>
    public void AddProxy(Type grainInterface, GrainProxyFactory factory) => Proxies[grainInterface] = factory;

    /// <summary>Declares how to make an empty request for the method named <paramref name="wireKey"/> (see
    /// <see cref="GrainRequestFactories"/>).</summary>
    public void AddRequest(string wireKey, Func<GrainRequest> create) => GrainRequestFactories.Add(wireKey, create);
}

/// <summary>
/// Finds the generated proxy factory of a grain interface, reading the manifest of the interface's assembly the
/// first time (reflection once per interface, never per call).
/// </summary>
internal static class GrainProxyFactories
{
    private static readonly ConcurrentDictionary<Type, GrainProxyFactory> Factories = new();

    public static GrainProxyFactory Get(Type grainInterface) =>
        Factories.TryGetValue(grainInterface, out var factory) ? factory : Load(grainInterface);

    /// <summary>Reads the generated manifest of <paramref name="assembly"/>, if it has one.</summary>
    public static void Load(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<GrainManifestProviderAttribute>();
        if (attribute is null)
            return;
        var builder = new GrainManifestBuilder();
        ((IGrainManifestProvider)Activator.CreateInstance(attribute.ProviderType)!).Populate(builder);
        foreach (var (type, factory) in builder.Proxies)
            Factories.TryAdd(type, factory);
    }

    private static GrainProxyFactory Load(Type grainInterface)
    {
        Load(grainInterface.Assembly);
        return Factories.TryGetValue(grainInterface, out var found)
            ? found
            : throw new InvalidOperationException(
                $"No proxy was generated for grain interface '{grainInterface.FullName}'. Its assembly must reference Actors.Runtime " +
                "with the Actors code generator, and the interface must derive from IGrainWithStringKey, IGrainWithGuidKey or IGrainWithIntegerKey.");
    }
}
