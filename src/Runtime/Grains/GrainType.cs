namespace Actors.Runtime;

/// <summary>
/// The name of a kind of grain, such as <c>course</c>. Taken from <see cref="GrainTypeAttribute"/> on the grain
/// class, or else the class name without its <c>Grain</c> suffix, lower-cased. It is part of every stored row
/// key, so renaming it orphans stored state.
/// </summary>
public readonly record struct GrainType
{
    /// <summary>Creates a grain type from its name.</summary>
    public GrainType(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = string.Intern(name);
        NameHash = StableHash.Of(Name);
    }

    /// <summary>The grain type name.</summary>
    public string Name { get; }

    /// <summary><see cref="StableHash.Of(string)"/> of <see cref="Name"/>, computed once.</summary>
    internal uint NameHash { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
