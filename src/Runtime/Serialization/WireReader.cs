namespace Actors.Runtime.Serialization;

/// <summary>Reads values coded by <see cref="WireFormat"/> from a span, front to back.</summary>
public ref struct WireReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position == _bytes.Length;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _bytes.Length - _position;

    /// <summary>The next <paramref name="count"/> bytes.</summary>
    /// <exception cref="FormatException">Fewer bytes are left.</exception>
    public ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)Remaining)
            throw new FormatException($"A value needs {count} more bytes; {Remaining} are left.");
        var taken = _bytes.Slice(_position, count);
        _position += count;
        return taken;
    }

    /// <summary>An unsigned LEB128 number of at most 32 bits.</summary>
    /// <exception cref="FormatException">The bytes end early or the number does not fit 32 bits.</exception>
    public uint ReadVarint()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var next = Take(1)[0];
            value |= (uint)(next & 0x7F) << shift;
            if (next < 0x80)
                return value;
        }

        throw new FormatException("A length on the wire is longer than 5 bytes.");
    }
}
