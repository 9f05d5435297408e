using System.Runtime.CompilerServices;

namespace Actors.Api.Metrics;

/// <summary>
/// The tags of a measurement exactly as the instrument passed them (same order, same values), kept so the next
/// measurement with the same tags finds its series without building the Prometheus label string again. Only tag values
/// whose equality is their value take part (<see cref="IsCacheable"/>): strings, booleans, integers, characters, enums
/// and floating-point numbers (compared bit for bit, so 0 and -0, which print differently, stay apart); a measurement
/// carrying any other value is not cached.
/// </summary>
internal sealed class MeasuredTagSet
{
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly int _hash;

    private MeasuredTagSet(KeyValuePair<string, object?>[] tags, int hash)
    {
        _tags = tags;
        _hash = hash;
    }

    /// <summary>Whether measurements with these tags can be looked up by value: every value is of a value-equal type.</summary>
    public static bool IsCacheable(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Value is not (null or string or bool or int or long or short or byte or sbyte or uint or ulong or ushort or char or double or float or Enum))
                return false;
        }

        return true;
    }

    /// <summary>Compares measured tags with kept ones, without copying the measured ones.</summary>
    public sealed class Comparer : IEqualityComparer<MeasuredTagSet>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, MeasuredTagSet>
    {
        public static readonly Comparer Instance = new();

        public bool Equals(MeasuredTagSet? x, MeasuredTagSet? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x._hash == y._hash && TagsEqual(x._tags, y._tags));

        public int GetHashCode(MeasuredTagSet tagSet) => tagSet._hash;

        public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> measured, MeasuredTagSet kept) => TagsEqual(measured, kept._tags);

        public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> measured) => Hash(measured);

        public MeasuredTagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> measured) => new(measured.ToArray(), Hash(measured));

        private static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var hash = new HashCode();
            foreach (var (key, value) in tags)
            {
                hash.Add(key.Length);
                hash.Add(ValueHash(value));
            }

            return hash.ToHashCode();
        }

        private static int ValueHash(object? value) => value switch
        {
            null => 0,
            double d => BitConverter.DoubleToInt64Bits(d).GetHashCode(),
            float f => BitConverter.SingleToInt32Bits(f),
            _ => value.GetHashCode(),
        };

        private static bool TagsEqual(ReadOnlySpan<KeyValuePair<string, object?>> measured, ReadOnlySpan<KeyValuePair<string, object?>> kept)
        {
            if (measured.Length != kept.Length)
                return false;
            for (var i = 0; i < measured.Length; i++)
            {
                if (!string.Equals(measured[i].Key, kept[i].Key, StringComparison.Ordinal) || !ValuesEqual(measured[i].Value, kept[i].Value))
                    return false;
            }

            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool ValuesEqual(object? measured, object? kept) =>
            ReferenceEquals(measured, kept) || (measured is not null && kept is not null && measured.GetType() == kept.GetType() && measured switch
            {
                string s => string.Equals(s, (string)kept, StringComparison.Ordinal),
                double d => BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)kept),
                float f => BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits((float)kept),
                _ => measured.Equals(kept),
            });
    }
}
