using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Serialization;

/// <summary>
/// How grain-call arguments and results cross the wire between processes, each value coded by its declared type (both
/// sides know the method, so no type travels). Common scalar types have a compact binary form (big-endian, as the rest of
/// the wire format); every other type is System.Text.Json with <see cref="WireJson.Options"/>, prefixed by its length.
/// <list type="table">
/// <item><term><see cref="string"/></term><description>varint (UTF-8 byte count + 1; 0 for null), then the UTF-8 bytes</description></item>
/// <item><term><see cref="bool"/></term><description>1 byte, 0 or 1</description></item>
/// <item><term><see cref="int"/>, <see cref="long"/></term><description>4 and 8 bytes</description></item>
/// <item><term><see cref="double"/></term><description>8 bytes, the IEEE 754 bits</description></item>
/// <item><term><see cref="Guid"/></term><description>16 bytes, big-endian (RFC 4122 order)</description></item>
/// <item><term><see cref="TimeSpan"/></term><description>8 bytes, ticks</description></item>
/// <item><term><see cref="NoResult"/></term><description>nothing</description></item>
/// <item><term>anything else</term><description>varint JSON byte count, then the JSON</description></item>
/// </list>
/// Used by generated requests (<see cref="GrainRequest"/>) and for results.
/// </summary>
public static class WireFormat
{
    private const int MaxVarintBytes = 5;

    /// <summary>Appends <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Write<T>(IBufferWriter<byte> output, T value)
    {
        if (typeof(T) == typeof(NoResult))
            return;
        if (typeof(T) == typeof(bool))
        {
            output.GetSpan(1)[0] = Unsafe.As<T, bool>(ref value) ? (byte)1 : (byte)0;
            output.Advance(1);
        }
        else if (typeof(T) == typeof(int))
        {
            BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), Unsafe.As<T, int>(ref value));
            output.Advance(4);
        }
        else if (typeof(T) == typeof(long))
        {
            BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), Unsafe.As<T, long>(ref value));
            output.Advance(8);
        }
        else if (typeof(T) == typeof(double))
        {
            BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(8), Unsafe.As<T, double>(ref value));
            output.Advance(8);
        }
        else if (typeof(T) == typeof(TimeSpan))
        {
            BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), Unsafe.As<T, TimeSpan>(ref value).Ticks);
            output.Advance(8);
        }
        else if (typeof(T) == typeof(Guid))
        {
            Unsafe.As<T, Guid>(ref value).TryWriteBytes(output.GetSpan(16), bigEndian: true, out _);
            output.Advance(16);
        }
        else if (typeof(T) == typeof(string))
        {
            WriteString(output, Unsafe.As<T, string?>(ref value));
        }
        else
        {
            WriteJson(output, value);
        }
    }

    /// <summary>Reads a value written by <see cref="Write{T}"/>.</summary>
    /// <exception cref="FormatException">The bytes end early or do not hold a <typeparamref name="T"/>.</exception>
    public static T Read<T>(ref WireReader reader)
    {
        if (typeof(T) == typeof(NoResult))
            return default!;
        if (typeof(T) == typeof(bool))
        {
            var flag = reader.Take(1)[0];
            if (flag > 1)
                throw new FormatException($"A bool is 0 or 1 on the wire, not {flag}.");
            var result = flag == 1;
            return Unsafe.As<bool, T>(ref result);
        }

        if (typeof(T) == typeof(int))
        {
            var result = BinaryPrimitives.ReadInt32BigEndian(reader.Take(4));
            return Unsafe.As<int, T>(ref result);
        }

        if (typeof(T) == typeof(long))
        {
            var result = BinaryPrimitives.ReadInt64BigEndian(reader.Take(8));
            return Unsafe.As<long, T>(ref result);
        }

        if (typeof(T) == typeof(double))
        {
            var result = BinaryPrimitives.ReadDoubleBigEndian(reader.Take(8));
            return Unsafe.As<double, T>(ref result);
        }

        if (typeof(T) == typeof(TimeSpan))
        {
            var result = TimeSpan.FromTicks(BinaryPrimitives.ReadInt64BigEndian(reader.Take(8)));
            return Unsafe.As<TimeSpan, T>(ref result);
        }

        if (typeof(T) == typeof(Guid))
        {
            var result = new Guid(reader.Take(16), bigEndian: true);
            return Unsafe.As<Guid, T>(ref result);
        }

        if (typeof(T) == typeof(string))
        {
            var result = ReadString(ref reader);
            return Unsafe.As<string?, T>(ref result);
        }

        return ReadJson<T>(ref reader);
    }

    /// <summary>A single value (a result) as a new array.</summary>
    public static byte[] ToBytes<T>(T value) => Encode(value).ToArray();

    /// <summary>A single value (a result) in this thread's <see cref="ThreadBuffer"/>.</summary>
    internal static ReadOnlySpan<byte> Encode<T>(T value)
    {
        var output = ThreadBuffer.Take();
        Write(output, value);
        return ThreadBuffer.Written(output);
    }

    /// <summary>Reads a single value made by <see cref="ToBytes{T}"/>; the bytes must hold exactly one.</summary>
    /// <exception cref="FormatException">The bytes do not hold exactly one <typeparamref name="T"/>.</exception>
    public static T FromBytes<T>(ReadOnlySpan<byte> bytes)
    {
        var reader = new WireReader(bytes);
        var value = Read<T>(ref reader);
        if (!reader.IsAtEnd)
            throw new FormatException($"{reader.Remaining} bytes follow the {typeof(T).Name} value.");
        return value;
    }

    // The marker (UTF-8 byte count + 1, or 0 for null), then the bytes.
    private static void WriteString(IBufferWriter<byte> output, string? text)
    {
        var length = text is null ? -1 : Encoding.UTF8.GetByteCount(text);
        var span = output.GetSpan(MaxVarintBytes + Math.Max(length, 0));
        var prefix = WriteVarint(span, (uint)(length + 1));
        if (text is not null)
            Encoding.UTF8.GetBytes(text, span[prefix..]);
        output.Advance(prefix + Math.Max(length, 0));
    }

    private static string? ReadString(ref WireReader reader)
    {
        var marker = reader.ReadVarint();
        if (marker == 0)
            return null;
        var utf8 = reader.Take(unchecked((int)(marker - 1))); // a length past int.MaxValue turns negative: refused
        return Encoding.UTF8.GetString(utf8);
    }

    private static void WriteJson<T>(IBufferWriter<byte> output, T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, WireJson.Options);
        var span = output.GetSpan(MaxVarintBytes + json.Length);
        var prefix = WriteVarint(span, (uint)json.Length);
        json.CopyTo(span[prefix..]);
        output.Advance(prefix + json.Length);
    }

    private static T ReadJson<T>(ref WireReader reader)
    {
        var json = reader.Take(unchecked((int)reader.ReadVarint()));
        try
        {
            return JsonSerializer.Deserialize<T>(json, WireJson.Options)!;
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The {typeof(T).Name} value is not valid: {exception.Message}", exception);
        }
    }

    private static int WriteVarint(Span<byte> span, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        return i;
    }
}
