using System.Runtime.CompilerServices;
using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

/// <summary>
/// One silo's door to a shared membership table, through which a test delays its heartbeats, races its writes, breaks
/// its change notifications, and counts what it did.
/// </summary>
internal sealed class InterceptingMembershipTable(IMembershipTable inner) : IMembershipTable
{
    private int _heartbeats;
    private int _deadWrites;
    private int _deadWritesWon;

    /// <summary>Runs before each heartbeat is written (e.g. a delay: a busy silo's heartbeat lands late).</summary>
    public Func<CancellationToken, Task>? BeforeHeartbeat { get; set; }

    /// <summary>Runs before each update that writes <see cref="SiloStatus.Dead"/>.</summary>
    public Func<MembershipEntry, Task>? BeforeDeadWrite { get; set; }

    /// <summary>When set, <see cref="WatchAsync"/> fails with it at once.</summary>
    public Exception? WatchFailure { get; set; }

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    public int DeadWrites => Volatile.Read(ref _deadWrites);

    public int DeadWritesWon => Volatile.Read(ref _deadWritesWon);

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        inner.InsertRowAsync(entry, expectedVersion, cancellationToken);

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        if (entry.Status != SiloStatus.Dead)
            return await inner.UpdateRowAsync(entry, expectedVersion, cancellationToken);
        if (BeforeDeadWrite is { } before)
            await before(entry);
        Interlocked.Increment(ref _deadWrites);
        var won = await inner.UpdateRowAsync(entry, expectedVersion, cancellationToken);
        if (won)
            Interlocked.Increment(ref _deadWritesWon);
        return won;
    }

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        if (BeforeHeartbeat is { } before)
            await before(cancellationToken);
        await inner.UpdateIAmAliveAsync(silo, time, cancellationToken);
        Interlocked.Increment(ref _heartbeats);
    }

    public Task<int> CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.CleanupDefunctEntriesAsync(before, cancellationToken);

    public async IAsyncEnumerable<long> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (WatchFailure is { } failure)
            throw failure;
        await foreach (var version in inner.WatchAsync(cancellationToken))
            yield return version;
    }
}
