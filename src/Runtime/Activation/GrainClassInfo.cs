using System.Collections.Concurrent;
using System.Reflection;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;
using Actors.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Activation;

/// <summary>
/// What the runtime knows about one grain class: its type name, concurrency, idle age, how to construct it
/// (services and persistent states injected into its constructor), and its call statistics on this silo.
/// Built once at silo start by <see cref="GrainClassRegistry"/>.
/// </summary>
internal sealed class GrainClassInfo
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<IServiceProvider, Activation, object?>[] _arguments;
    private readonly ConcurrentDictionary<Type, MethodStatistics> _methods = new();
    private int _activationCount;

    public GrainClassInfo(Type classType, GrainType grainType, TimeSpan collectionAge)
    {
        ClassType = classType;
        GrainType = grainType;
        CollectionAge = collectionAge;
        IsReentrant = classType.GetCustomAttribute<ReentrantAttribute>() is not null;
        _constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class '{classType.FullName}' has no public constructor.");
        _arguments = _constructor.GetParameters().Select(ArgumentFor).ToArray();
    }

    public Type ClassType { get; }
    public GrainType GrainType { get; }
    public bool IsReentrant { get; }
    public TimeSpan CollectionAge { get; }
    public int ActivationCount => Volatile.Read(ref _activationCount);

    public void OnActivationCreated() => Interlocked.Increment(ref _activationCount);

    public void OnActivationRemoved() => Interlocked.Decrement(ref _activationCount);

    /// <summary>The statistics of the method <paramref name="request"/> calls.</summary>
    public MethodStatistics StatisticsFor(GrainRequest request) =>
        _methods.TryGetValue(request.GetType(), out var statistics)
            ? statistics
            : _methods.GetOrAdd(request.GetType(), _ => new MethodStatistics(GrainType, request.InterfaceName, request.MethodName));

    public IEnumerable<MethodStatistics> Methods => _methods.Values;

    /// <summary>Constructs the grain for <paramref name="activation"/>. Reflection here is once per activation, not per call.</summary>
    public object CreateInstance(IServiceProvider services, Activation activation)
    {
        var arguments = new object?[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = _arguments[i](services, activation);
        return _constructor.Invoke(arguments);
    }

    private Func<IServiceProvider, Activation, object?> ArgumentFor(ParameterInfo parameter)
    {
        var state = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (state is not null)
        {
            if (!parameter.ParameterType.IsGenericType || parameter.ParameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"Parameter '{parameter.Name}' of grain '{ClassType.FullName}' has [PersistentState] but is not an IPersistentState<T>.");
            }

            var create = typeof(GrainClassInfo).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(parameter.ParameterType.GetGenericArguments()[0])
                .CreateDelegate<Func<IServiceProvider, Activation, PersistentStateAttribute, object>>();
            return (services, activation) => create(services, activation, state);
        }

        if (parameter.ParameterType == typeof(IGrainFactory))
            return (services, _) => services.GetRequiredService<IGrainFactory>();
        return parameter.HasDefaultValue
            ? (services, _) => services.GetService(parameter.ParameterType) ?? parameter.DefaultValue
            : (services, _) => services.GetService(parameter.ParameterType) ?? throw new InvalidOperationException(
                $"Cannot construct grain '{ClassType.FullName}': no service of type '{parameter.ParameterType.FullName}' " +
                $"is registered for parameter '{parameter.Name}'.");
    }

    private static object CreateState<TState>(IServiceProvider services, Activation activation, PersistentStateAttribute attribute)
    {
        var storage = services.GetKeyedService<IGrainStorage>(attribute.StorageName)
            ?? throw new InvalidOperationException(
                $"Grain {activation.GrainId} asks for storage provider '{attribute.StorageName}' for state '{attribute.StateName}', " +
                "but no provider of that name is registered.");
        var state = new PersistentState<TState>(attribute.StateName, activation.GrainId, storage);
        activation.AddStateLoader(state);
        return state;
    }
}
