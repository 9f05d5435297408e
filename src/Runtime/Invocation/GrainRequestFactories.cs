using System.Collections.Concurrent;
using System.Reflection;

namespace Actors.Runtime.Invocation;

/// <summary>
/// Makes empty request objects by method id, so a silo can rebuild a request that arrived over the wire. A method's
/// id is the stable hash of its wire key (declaring interface, name, argument types), the same in every process that
/// runs the same grain interfaces. The generated manifests of every loaded assembly are read on the first unknown id.
/// </summary>
public static class GrainRequestFactories
{
    private static readonly ConcurrentDictionary<uint, (string Key, Func<GrainRequest> Create)> Factories = new();
    private static readonly Lock LoadLock = new();
    private static readonly HashSet<Assembly> LoadedAssemblies = [];

    /// <summary>The method id of a wire key. Used by generated requests.</summary>
    public static uint IdOf(string wireKey) => StableHash.Of(wireKey);

    /// <summary>A new request for <paramref name="methodId"/>, or null if no loaded assembly declares that method.</summary>
    public static GrainRequest? Create(uint methodId)
    {
        if (Factories.TryGetValue(methodId, out var factory))
            return factory.Create();
        LoadManifests();
        return Factories.TryGetValue(methodId, out factory) ? factory.Create() : null;
    }

    internal static void Add(string wireKey, Func<GrainRequest> create)
    {
        var id = IdOf(wireKey);
        var existing = Factories.GetOrAdd(id, (wireKey, create));
        if (existing.Key != wireKey)
        {
            throw new InvalidOperationException(
                $"Grain methods '{existing.Key}' and '{wireKey}' have the same method id {id}; rename one of them.");
        }
    }

    private static void LoadManifests()
    {
        lock (LoadLock)
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (LoadedAssemblies.Add(assembly))
                    GrainProxyFactories.Load(assembly);
            }
        }
    }
}
