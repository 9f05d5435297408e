using System.Buffers;

namespace Actors.Runtime.Serialization;

/// <summary>
/// One encode buffer per thread, for a payload that is copied as soon as it is written (into a connection's send
/// queue), so a grain call or its answer allocates no array of its own. Not for nesting: taking the buffer again on the
/// same thread overwrites what the previous taker wrote.
/// </summary>
internal static class ThreadBuffer
{
    /// <summary>A buffer grown past this by a rare large payload is not kept for the thread's next one.</summary>
    private const int MaxKeptBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>This thread's buffer, empty.</summary>
    public static ArrayBufferWriter<byte> Take()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>What was written to <paramref name="buffer"/> (from <see cref="Take"/>), valid until the thread takes
    /// the buffer again.</summary>
    public static ReadOnlySpan<byte> Written(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity > MaxKeptBytes)
            t_buffer = null;
        return buffer.WrittenSpan;
    }
}
