namespace Actors.Runtime.Membership;

/// <summary>
/// One incarnation of a silo: where it listens and its generation (a number that grows with every start of a silo on
/// that endpoint), so a restarted silo is a new member and the old incarnation's row can be declared dead.
/// </summary>
/// <param name="Host">Host name or IP address other silos connect to.</param>
/// <param name="Port">Silo-to-silo TCP port.</param>
/// <param name="Generation">Incarnation number; greater means newer.</param>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port}@{Generation}";
}

/// <summary>The life of a silo incarnation, as recorded in the membership table. It only moves forward.</summary>
public enum SiloStatus
{
    /// <summary>Starting; not yet serving.</summary>
    Joining = 1,

    /// <summary>Serving; on the placement ring.</summary>
    Active = 2,

    /// <summary>Leaving gracefully: deactivating its grains.</summary>
    ShuttingDown = 3,

    /// <summary>Gone. A silo that reads itself as dead stops.</summary>
    Dead = 4,
}
