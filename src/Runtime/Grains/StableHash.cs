using System.Runtime.CompilerServices;

namespace Actors.Runtime;

/// <summary>
/// A 32-bit hash of text that every process computes alike (unlike <see cref="string.GetHashCode()"/>, which is
/// randomised per process): 64-bit FNV-1a over the UTF-16 code units, then a murmur-style finaliser so nearby
/// keys spread evenly over the ring.
/// </summary>
public static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The stable hash of <paramref name="text"/>.</summary>
    public static uint Of(string text)
    {
        var hash = Offset;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return Finalise(hash);
    }

    /// <summary>Combines two stable hashes, order-sensitively.</summary>
    public static uint Combine(uint first, uint second) => Finalise(((ulong)first << 32) | second);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Finalise(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return (uint)hash;
    }
}
