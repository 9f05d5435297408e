namespace Actors.Runtime;

/// <summary>
/// Identifies one grain: its <see cref="GrainType"/> and its key, always held as text (integer keys in invariant
/// decimal, Guid keys in "N" form). Type and key are kept apart, never parsed back from each other, so a string key
/// that looks like a number or like hex is just that string. <see cref="UniformHash"/> is a stable hash of both,
/// identical in every process, used for placement and reminder ranges.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    /// <summary>Creates the identity of the grain of <paramref name="type"/> with <paramref name="key"/>.</summary>
    public GrainId(GrainType type, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
        UniformHash = StableHash.Combine(type.NameHash, StableHash.Of(key));
    }

    /// <summary>The grain type.</summary>
    public GrainType Type { get; }

    /// <summary>The key, as text.</summary>
    public string Key { get; }

    /// <summary>A stable 32-bit hash of type and key: the grain's point on the placement and reminder rings.</summary>
    public uint UniformHash { get; }

    /// <summary>Creates the identity of a grain with a Guid key.</summary>
    public static GrainId Create(GrainType type, Guid key) => new(type, key.ToString("N"));

    /// <summary>Creates the identity of a grain with an integer key.</summary>
    public static GrainId Create(GrainType type, long key) =>
        new(type, key.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public bool Equals(GrainId other) =>
        UniformHash == other.UniformHash
        && string.Equals(Type.Name, other.Type.Name, StringComparison.Ordinal)
        && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)UniformHash;

    /// <summary>The <c>type/key</c> form used in logs and on the dashboard.</summary>
    public override string ToString() => $"{Type.Name}/{Key}";

    /// <summary>Equality.</summary>
    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
