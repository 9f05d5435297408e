namespace Actors.Runtime.Membership;

/// <summary>A peer's vote that a silo is dead.</summary>
/// <param name="Voter">The silo that suspects.</param>
/// <param name="Time">When it voted.</param>
public sealed record SuspicionVote(SiloAddress Voter, DateTimeOffset Time);

/// <summary>One row of the membership table: one silo incarnation.</summary>
/// <param name="Silo">The incarnation.</param>
/// <param name="Status">Its status.</param>
/// <param name="SiloName">Its configured name.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="IAmAliveTime">Its last heartbeat.</param>
/// <param name="Suspicions">Votes that it is dead.</param>
/// <param name="ETag">The row version read; null for a row not yet written.</param>
public sealed record MembershipEntry(
    SiloAddress Silo,
    SiloStatus Status,
    string SiloName,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    IReadOnlyList<SuspicionVote> Suspicions,
    string? ETag = null);

/// <summary>The whole table as of one table version.</summary>
/// <param name="Version">The table version: bumped by every insert and update, in the same transaction.</param>
/// <param name="Entries">Every row of the cluster.</param>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipEntry> Entries)
{
    /// <summary>The silos with status <see cref="SiloStatus.Active"/>: the ones placement puts grains on.</summary>
    public IEnumerable<SiloAddress> ActiveSilos => Entries.Where(e => e.Status == SiloStatus.Active).Select(e => e.Silo);
}

/// <summary>
/// The cluster's membership table: a row per silo incarnation, and a table version. One table holds many clusters,
/// each keyed by its cluster id (given to the implementation).
/// <para>Contract, for every implementation:</para>
/// <list type="bullet">
/// <item><see cref="ReadAllAsync"/> returns every row and the table version as of one moment.</item>
/// <item><see cref="InsertRowAsync"/> and <see cref="UpdateRowAsync"/> change the row and bump the table version in one
/// atomic step, only if the table version is still <c>expectedVersion</c> (and, for updates, the row's ETag still
/// matches); otherwise they change nothing and return false. Contention is a result, never an exception.</item>
/// <item><see cref="UpdateIAmAliveAsync"/> is a blind write of the heartbeat that does not bump the table version.</item>
/// <item>Every insert and update is announced to <see cref="WatchAsync"/> readers (PostgreSQL: NOTIFY), so silos learn
/// of changes without waiting for their next poll.</item>
/// </list>
/// </summary>
public interface IMembershipTable
{
    /// <summary>Every row of the cluster and the table version.</summary>
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a new incarnation's row if the table version is <paramref name="expectedVersion"/> and the row does not exist.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Replaces a row if its ETag is <see cref="MembershipEntry.ETag"/> and the table version is <paramref name="expectedVersion"/>.</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat; does not change the table version.</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Deletes rows of dead silos whose last heartbeat is older than <paramref name="before"/>; returns how many.</summary>
    Task<int> CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Yields the new table version after each change made through any instance of this table (best effort;
    /// silos also poll).</summary>
    IAsyncEnumerable<long> WatchAsync(CancellationToken cancellationToken);
}
