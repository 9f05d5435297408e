namespace Actors.Runtime.Invocation;

/// <summary>How a request may interleave with others on its activation (from the interface method's attributes).</summary>
[Flags]
public enum RequestFlags
{
    /// <summary>An ordinary request: it runs alone unless the grain is reentrant.</summary>
    None = 0,

    /// <summary><see cref="ReadOnlyAttribute"/>: may interleave with other read-only requests.</summary>
    ReadOnly = 1,

    /// <summary><see cref="AlwaysInterleaveAttribute"/>: may interleave with anything.</summary>
    AlwaysInterleave = 2,
}
