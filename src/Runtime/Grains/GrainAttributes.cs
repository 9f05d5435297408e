namespace Actors.Runtime;

/// <summary>
/// On a grain class: its requests may interleave at <c>await</c> points. Code still runs one piece at a time
/// on the activation; only the "one request from start to finish" rule is lifted.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>On a grain interface method: the call may interleave with any other request of the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>
/// On a grain interface method: the call does not change grain state, so read-only calls may run interleaved
/// with each other (never with a non-read-only call).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>On a grain class: the name of its <see cref="GrainType"/>, instead of the name derived from the class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// On a grain class: how long an activation may stay idle before it is collected, overriding
/// <see cref="Hosting.GrainCollectionOptions.CollectionAge"/> for this type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Idle time in minutes (fractions allowed).</summary>
    public double Minutes { get; init; }

    /// <summary>The idle time as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Age => TimeSpan.FromMinutes(Minutes);
}
