using System.Reflection;
using Actors.Runtime.Hosting;

namespace Actors.Runtime.Activation;

/// <summary>
/// The grain classes this process knows, found at start in the assemblies given to the silo builder:
/// maps grain type names and grain interfaces to their class.
/// </summary>
internal sealed class GrainClassRegistry
{
    private readonly Dictionary<string, GrainClassInfo> _byTypeName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, GrainClassInfo> _byInterface = new();
    private readonly Dictionary<Type, List<Type>> _ambiguous = new();

    public GrainClassRegistry(IEnumerable<Assembly> assemblies, GrainCollectionOptions collection)
    {
        foreach (var classType in assemblies.Distinct().SelectMany(LoadableTypes).Where(IsGrainClass))
        {
            var info = new GrainClassInfo(classType, GrainTypeOfClass(classType), CollectionAgeOf(classType, collection));
            if (!_byTypeName.TryAdd(info.GrainType.Name, info))
            {
                throw new InvalidOperationException(
                    $"Grain classes '{_byTypeName[info.GrainType.Name].ClassType.FullName}' and '{classType.FullName}' both have grain type " +
                    $"'{info.GrainType.Name}'. Give one a distinct [GrainType(\"...\")].");
            }

            foreach (var grainInterface in classType.GetInterfaces().Where(IsCallableGrainInterface))
            {
                if (_byInterface.TryGetValue(grainInterface, out var existing))
                {
                    if (!_ambiguous.TryGetValue(grainInterface, out var classes))
                        _ambiguous[grainInterface] = classes = [existing.ClassType];
                    classes.Add(classType);
                }
                else
                {
                    _byInterface[grainInterface] = info;
                }
            }
        }
    }

    public IEnumerable<GrainClassInfo> Classes => _byTypeName.Values;

    public bool TryGet(GrainType grainType, out GrainClassInfo info) => _byTypeName.TryGetValue(grainType.Name, out info!);

    /// <summary>The grain type that implements <paramref name="grainInterface"/>.</summary>
    public GrainType GrainTypeOf(Type grainInterface)
    {
        if (_ambiguous.TryGetValue(grainInterface, out var classes))
        {
            throw new InvalidOperationException(
                $"Grain interface '{grainInterface.FullName}' is implemented by several grain classes ({string.Join(", ", classes.Select(c => c.FullName))}); " +
                "call GetGrain with a GrainId naming the grain type instead.");
        }

        return _byInterface.TryGetValue(grainInterface, out var info)
            ? info.GrainType
            : throw new InvalidOperationException(
                $"No grain class implements '{grainInterface.FullName}'. Add the assembly that contains it with AddGrainAssembly.");
    }

    /// <summary>The grain type name of a class: <see cref="GrainTypeAttribute"/>, or the class name without "Grain", lower-cased.</summary>
    public static GrainType GrainTypeOfClass(Type classType)
    {
        var attribute = classType.GetCustomAttribute<GrainTypeAttribute>();
        if (attribute is not null)
            return new GrainType(attribute.Name);
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
            name = name[..^"Grain".Length];
        return new GrainType(name.ToLowerInvariant());
    }

    private static TimeSpan CollectionAgeOf(Type classType, GrainCollectionOptions options) =>
        options.ClassSpecificCollectionAge.TryGetValue(classType.FullName!, out var age) ? age
        : classType.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Age ?? options.CollectionAge;

    private static bool IsGrainClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(Grain).IsAssignableFrom(type);

    private static bool IsCallableGrainInterface(Type type) =>
        typeof(IGrain).IsAssignableFrom(type) && type.GetMethods().Length > 0;

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }
}
