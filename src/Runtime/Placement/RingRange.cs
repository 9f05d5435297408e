namespace Actors.Runtime.Placement;

/// <summary>
/// A range of the 32-bit hash ring, (<see cref="Begin"/>, <see cref="End"/>]: exclusive begin, inclusive end, wrapping
/// past <see cref="uint.MaxValue"/> when <see cref="Begin"/> ≥ <see cref="End"/>. Begin = End is the whole ring.
/// A silo owns the grains (and reminders) whose <see cref="GrainId.UniformHash"/> falls in its ranges.
/// </summary>
public readonly record struct RingRange(uint Begin, uint End)
{
    /// <summary>The whole ring (what a single silo owns).</summary>
    public static RingRange Full => new(0, 0);

    /// <summary>Whether this is the whole ring.</summary>
    public bool IsFull => Begin == End;

    /// <summary>Whether the range wraps past <see cref="uint.MaxValue"/>.</summary>
    public bool Wraps => Begin > End;

    /// <summary>Whether <paramref name="hash"/> lies in the range.</summary>
    public bool Contains(uint hash) =>
        IsFull || (Wraps ? hash > Begin || hash <= End : hash > Begin && hash <= End);
}
