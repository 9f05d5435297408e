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
    }

    /// <summary>The grain type name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
