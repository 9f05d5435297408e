using Actors.Runtime.Membership;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>
/// The <see cref="IMembershipTable"/> contract (see its doc comment), written once and run against every table.
/// Every test uses its own cluster id, so a subclass may keep one database for all of its tests.
/// </summary>
public abstract class MembershipTableContract
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A table over the test's store for <paramref name="clusterId"/>. A second call with the same id returns
    /// a new table instance over the same store (a silo restart, or a second silo of the cluster).</summary>
    protected abstract Task<IMembershipTable> CreateTableAsync(string clusterId);

    protected static string NewClusterId() => "cluster-" + Guid.NewGuid().ToString("N");

    protected static MembershipEntry Row(string host, long generation = 1, SiloStatus status = SiloStatus.Active, DateTimeOffset? iAmAlive = null) =>
        new(new SiloAddress(host, 11111, generation), status, "silo-" + host, T0, iAmAlive ?? T0, []);

    protected static async Task<MembershipEntry?> FindAsync(IMembershipTable table, SiloAddress silo) =>
        (await table.ReadAllAsync(CancellationToken.None)).Entries.SingleOrDefault(e => e.Silo == silo);

    protected static async Task<long> VersionAsync(IMembershipTable table) => (await table.ReadAllAsync(CancellationToken.None)).Version;

    protected static async Task InsertAsync(IMembershipTable table, MembershipEntry entry) =>
        Assert.True(await table.InsertRowAsync(entry, await VersionAsync(table), CancellationToken.None), $"insert of {entry.Silo}");

    /// <summary>Updates a row from a fresh read (current ETag and version).</summary>
    protected static async Task UpdateAsync(IMembershipTable table, SiloAddress silo, Func<MembershipEntry, MembershipEntry> change)
    {
        var snapshot = await table.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Entries.Single(e => e.Silo == silo);
        Assert.True(await table.UpdateRowAsync(change(row), snapshot.Version, CancellationToken.None), $"update of {silo}");
    }

    protected static void AssertRow(MembershipEntry expected, MembershipEntry? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Silo, actual.Silo);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.Suspicions, actual.Suspicions);
        Assert.False(string.IsNullOrEmpty(actual.ETag), "a stored row has an ETag");
    }

    [Fact]
    public async Task ReadAll_NewCluster_ReturnsNoRows()
    {
        var table = await CreateTableAsync(NewClusterId());

        Assert.Empty((await table.ReadAllAsync(CancellationToken.None)).Entries);
    }

    [Fact]
    public async Task Insert_WithCurrentVersion_AddsTheRow_BumpsTheVersion_AndGivesTheRowAnEtag()
    {
        var table = await CreateTableAsync(NewClusterId());
        var before = await VersionAsync(table);
        var row = new MembershipEntry(new SiloAddress("10.0.0.7", 30000, 638_712_345_678_901_234), SiloStatus.Joining, "web-1", T0, T0 + TimeSpan.FromSeconds(3), []);

        Assert.True(await table.InsertRowAsync(row, before, CancellationToken.None));

        var snapshot = await table.ReadAllAsync(CancellationToken.None);
        Assert.True(snapshot.Version > before, $"version {snapshot.Version} after insert, {before} before");
        AssertRow(row, Assert.Single(snapshot.Entries));
    }

    [Fact]
    public async Task Insert_WithStaleVersion_ReturnsFalse_AndChangesNothing()
    {
        var table = await CreateTableAsync(NewClusterId());
        var stale = await VersionAsync(table);
        await InsertAsync(table, Row("a"));
        var current = await table.ReadAllAsync(CancellationToken.None);

        Assert.False(await table.InsertRowAsync(Row("b"), stale, CancellationToken.None));

        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(current.Entries.Single().Silo, Assert.Single(after.Entries).Silo);
    }

    [Fact]
    public async Task Insert_OfAnExistingSilo_ReturnsFalse_AndChangesNothing()
    {
        var table = await CreateTableAsync(NewClusterId());
        await InsertAsync(table, Row("a"));
        var current = await table.ReadAllAsync(CancellationToken.None);

        Assert.False(await table.InsertRowAsync(Row("a", status: SiloStatus.Dead), current.Version, CancellationToken.None));

        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(current.Version, after.Version);
        AssertRow(Row("a"), Assert.Single(after.Entries));
        Assert.Equal(current.Entries.Single().ETag, after.Entries.Single().ETag);
    }

    [Fact]
    public async Task Insert_NewGenerationOfTheSameEndpoint_IsASeparateRow()
    {
        var table = await CreateTableAsync(NewClusterId());
        await InsertAsync(table, Row("a", generation: 1));

        await InsertAsync(table, Row("a", generation: 2));

        var rows = (await table.ReadAllAsync(CancellationToken.None)).Entries;
        Assert.Equal([1L, 2L], rows.Select(r => r.Silo.Generation).Order());
    }

    [Fact]
    public async Task Update_WithCurrentVersionAndEtag_ReplacesTheRow_BumpsTheVersion_AndChangesTheEtag()
    {
        var table = await CreateTableAsync(NewClusterId());
        await InsertAsync(table, Row("a"));
        await InsertAsync(table, Row("b"));
        var before = await table.ReadAllAsync(CancellationToken.None);
        var row = before.Entries.Single(e => e.Silo.Host == "a");
        var voter = Row("b").Silo;
        var changed = row with
        {
            Status = SiloStatus.ShuttingDown,
            IAmAliveTime = T0 + TimeSpan.FromMinutes(1),
            Suspicions = [new SuspicionVote(voter, T0 + TimeSpan.FromSeconds(10)), new SuspicionVote(Row("c", 7).Silo, T0 + TimeSpan.FromSeconds(20))],
        };

        Assert.True(await table.UpdateRowAsync(changed, before.Version, CancellationToken.None));

        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.True(after.Version > before.Version, $"version {after.Version} after update, {before.Version} before");
        var stored = after.Entries.Single(e => e.Silo == row.Silo);
        AssertRow(changed, stored);
        Assert.NotEqual(row.ETag, stored.ETag);
        AssertRow(Row("b"), after.Entries.Single(e => e.Silo == voter));
    }

    [Fact]
    public async Task Update_WithStaleEtag_ReturnsFalse_AndChangesNothing()
    {
        var table = await CreateTableAsync(NewClusterId());
        await InsertAsync(table, Row("a"));
        var stale = (await FindAsync(table, Row("a").Silo))!;
        await UpdateAsync(table, stale.Silo, r => r with { Status = SiloStatus.ShuttingDown });
        var current = await table.ReadAllAsync(CancellationToken.None);

        Assert.False(await table.UpdateRowAsync(stale with { Status = SiloStatus.Dead }, current.Version, CancellationToken.None));

        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(SiloStatus.ShuttingDown, Assert.Single(after.Entries).Status);
        Assert.Equal(current.Entries.Single().ETag, after.Entries.Single().ETag);
    }

    [Fact]
    public async Task Update_WithStaleTableVersion_ReturnsFalse_AndChangesNothing()
    {
        var table = await CreateTableAsync(NewClusterId());
        await InsertAsync(table, Row("a"));
        var read = await table.ReadAllAsync(CancellationToken.None);
        var row = read.Entries.Single();
        await InsertAsync(table, Row("b"));
        var current = await VersionAsync(table);

        Assert.False(await table.UpdateRowAsync(row with { Status = SiloStatus.Dead }, read.Version, CancellationToken.None));

        Assert.Equal(current, await VersionAsync(table));
        Assert.Equal(SiloStatus.Active, (await FindAsync(table, row.Silo))!.Status);
        Assert.True(await table.UpdateRowAsync(row with { Status = SiloStatus.Dead }, current, CancellationToken.None), "the row's ETag is still current");
    }

    [Fact]
    public async Task Update_OfAMissingRow_ReturnsFalse_AndChangesNothing()
    {
        var table = await CreateTableAsync(NewClusterId());
        await InsertAsync(table, Row("a"));
        var current = await table.ReadAllAsync(CancellationToken.None);

        Assert.False(await table.UpdateRowAsync(Row("ghost") with { ETag = current.Entries.Single().ETag }, current.Version, CancellationToken.None));
        Assert.False(await table.UpdateRowAsync(Row("a", generation: 2) with { ETag = current.Entries.Single().ETag }, current.Version, CancellationToken.None));

        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(current.Version, after.Version);
        Assert.Single(after.Entries);
    }

    [Fact]
    public async Task UpdateIAmAlive_RecordsTheHeartbeat_WithoutBumpingTheVersion_OrTouchingOtherColumns()
    {
        var table = await CreateTableAsync(NewClusterId());
        await InsertAsync(table, Row("a"));
        await InsertAsync(table, Row("b"));
        var before = await VersionAsync(table);
        var beat = T0 + TimeSpan.FromSeconds(42);

        await table.UpdateIAmAliveAsync(Row("a").Silo, beat, CancellationToken.None);

        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(before, after.Version);
        AssertRow(Row("a", iAmAlive: beat), after.Entries.Single(e => e.Silo == Row("a").Silo));
        AssertRow(Row("b"), after.Entries.Single(e => e.Silo == Row("b").Silo));
        await UpdateAsync(table, Row("a").Silo, r => r with { Status = SiloStatus.ShuttingDown });
    }

    [Fact]
    public async Task ConcurrentInsertsOfDifferentSilos_FromTheSameVersion_ExactlyOneWins()
    {
        var clusterId = NewClusterId();
        var first = await CreateTableAsync(clusterId);
        var second = await CreateTableAsync(clusterId);
        var version = await VersionAsync(first);

        var won = await RaceAsync(16, i => (i % 2 == 0 ? first : second).InsertRowAsync(Row($"silo{i}"), version, CancellationToken.None));

        var winner = Assert.Single(Enumerable.Range(0, won.Length), i => won[i]);
        var after = await second.ReadAllAsync(CancellationToken.None);
        Assert.Equal($"silo{winner}", Assert.Single(after.Entries).Silo.Host);
        Assert.True(after.Version > version);
    }

    [Fact]
    public async Task ConcurrentInsertsOfTheSameSilo_ExactlyOneWins()
    {
        var clusterId = NewClusterId();
        var first = await CreateTableAsync(clusterId);
        var second = await CreateTableAsync(clusterId);
        await InsertAsync(first, Row("other"));
        var version = await VersionAsync(first);

        var won = await RaceAsync(16, i => (i % 2 == 0 ? first : second).InsertRowAsync(Row("a") with { SiloName = $"name{i}" }, version, CancellationToken.None));

        var winner = Assert.Single(Enumerable.Range(0, won.Length), i => won[i]);
        Assert.Equal($"name{winner}", (await FindAsync(second, Row("a").Silo))!.SiloName);
    }

    [Fact]
    public async Task ConcurrentUpdates_FromTheSameVersionAndEtag_ExactlyOneWins()
    {
        var clusterId = NewClusterId();
        var first = await CreateTableAsync(clusterId);
        var second = await CreateTableAsync(clusterId);
        await InsertAsync(first, Row("a"));
        var snapshot = await second.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Entries.Single();

        var won = await RaceAsync(16, i => (i % 2 == 0 ? first : second).UpdateRowAsync(
            row with { Suspicions = [new SuspicionVote(Row($"voter{i}").Silo, T0)] }, snapshot.Version, CancellationToken.None));

        var winner = Assert.Single(Enumerable.Range(0, won.Length), i => won[i]);
        var stored = (await FindAsync(first, row.Silo))!;
        Assert.Equal($"voter{winner}", Assert.Single(stored.Suspicions).Voter.Host);
        Assert.True(await VersionAsync(first) > snapshot.Version);
    }

    [Fact]
    public async Task ConcurrentInsertsAndUpdates_FromTheSameVersion_ExactlyOneWins()
    {
        var clusterId = NewClusterId();
        var first = await CreateTableAsync(clusterId);
        var second = await CreateTableAsync(clusterId);
        await InsertAsync(first, Row("a"));
        var snapshot = await second.ReadAllAsync(CancellationToken.None);
        var row = snapshot.Entries.Single();

        var won = await RaceAsync(16, i => i % 2 == 0
            ? first.InsertRowAsync(Row($"joiner{i}"), snapshot.Version, CancellationToken.None)
            : second.UpdateRowAsync(row with { SiloName = $"name{i}" }, snapshot.Version, CancellationToken.None));

        Assert.Single(won, w => w);
        var after = await first.ReadAllAsync(CancellationToken.None);
        var changes = after.Entries.Count - 1 + (after.Entries.Single(e => e.Silo == row.Silo).SiloName == row.SiloName ? 0 : 1);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task Restart_NewTableInstance_ReadsTheRowsAndVersion_AndAcceptsTheirEtags()
    {
        var clusterId = NewClusterId();
        var before = await CreateTableAsync(clusterId);
        await InsertAsync(before, Row("a"));
        await UpdateAsync(before, Row("a").Silo, r => r with { Status = SiloStatus.Active, Suspicions = [new SuspicionVote(Row("b").Silo, T0)] });
        var written = await before.ReadAllAsync(CancellationToken.None);

        var after = await CreateTableAsync(clusterId);
        var read = await after.ReadAllAsync(CancellationToken.None);

        Assert.Equal(written.Version, read.Version);
        var row = Assert.Single(read.Entries);
        AssertRow(written.Entries.Single(), row);
        Assert.Equal(written.Entries.Single().ETag, row.ETag);
        Assert.True(await after.UpdateRowAsync(row with { Status = SiloStatus.Dead }, read.Version, CancellationToken.None));
        Assert.Equal(SiloStatus.Dead, (await FindAsync(before, row.Silo))!.Status);
    }

    [Fact]
    public async Task Cleanup_DeletesOnlyDeadRowsWhoseHeartbeatIsOlderThanTheCutoff()
    {
        var table = await CreateTableAsync(NewClusterId());
        var old = T0 - TimeSpan.FromHours(2);
        var cutoff = T0 - TimeSpan.FromHours(1);
        await InsertAsync(table, Row("dead-old", iAmAlive: old));
        await UpdateAsync(table, Row("dead-old").Silo, r => r with { Status = SiloStatus.Dead });
        await InsertAsync(table, Row("dead-recent"));
        await UpdateAsync(table, Row("dead-recent").Silo, r => r with { Status = SiloStatus.Dead });
        await InsertAsync(table, Row("active-old", iAmAlive: old));
        await InsertAsync(table, Row("joining-old", status: SiloStatus.Joining, iAmAlive: old));
        await InsertAsync(table, Row("leaving-old", status: SiloStatus.ShuttingDown, iAmAlive: old));

        Assert.Equal(1, await table.CleanupDefunctEntriesAsync(cutoff, CancellationToken.None));

        var hosts = (await table.ReadAllAsync(CancellationToken.None)).Entries.Select(e => e.Silo.Host).Order(StringComparer.Ordinal);
        Assert.Equal(["active-old", "dead-recent", "joining-old", "leaving-old"], hosts);
        Assert.Equal(0, await table.CleanupDefunctEntriesAsync(cutoff, CancellationToken.None));
    }

    [Fact]
    public async Task Watch_YieldsTheNewVersion_AfterInsertsAndUpdatesThroughAnotherInstance()
    {
        var clusterId = NewClusterId();
        var watched = await CreateTableAsync(clusterId);
        var writer = await CreateTableAsync(clusterId);
        await using var watch = new Watcher(watched);

        var (first, last, seen) = await ChangeUntilAnnouncedAsync(watch, writer);

        Assert.InRange(seen, first, last);
        await UpdateAsync(writer, Row("joiner0").Silo, r => r with { Status = SiloStatus.Dead });
        var updated = await VersionAsync(writer);
        Assert.Equal(updated, await watch.WaitForAsync(updated, Probe.Patience));
        await InsertAsync(writer, Row("late"));
        var inserted = await VersionAsync(writer);
        Assert.Equal(inserted, await watch.WaitForAsync(inserted, Probe.Patience));
        Assert.All(watch.Seen, v => Assert.True(v <= inserted, $"the watcher yielded {v}, a version the table never had (seen: {string.Join(", ", watch.Seen)})"));
    }

    [Fact]
    public async Task Watch_CancelledRightAfterItStarted_Ends()
    {
        var table = await CreateTableAsync(NewClusterId());
        var watch = new Watcher(table);

        var failure = await watch.EndAsync();

        Assert.True(failure is null, $"the watch ended with {failure}");
    }

    [Fact]
    public async Task Watch_CancelledWhileListening_EndsWithCancellation()
    {
        var clusterId = NewClusterId();
        var watch = new Watcher(await CreateTableAsync(clusterId));
        await ChangeUntilAnnouncedAsync(watch, await CreateTableAsync(clusterId));

        var failure = await watch.EndAsync();

        Assert.True(failure is null, $"the watch ended with {failure}");
    }

    /// <summary>Inserts silos <c>joiner0</c>, <c>joiner1</c>, … through <paramref name="writer"/> (after
    /// <paramref name="eachRound"/>, if given) until <paramref name="watch"/> announces one: the first change may race
    /// the watch's subscription (PostgreSQL: LISTEN). Returns the version after the first insert, after the last
    /// one, and the version announced.</summary>
    protected static async Task<(long First, long Last, long Seen)> ChangeUntilAnnouncedAsync(Watcher watch, IMembershipTable writer, Func<Task>? eachRound = null)
    {
        var deadline = DateTime.UtcNow + Probe.Patience;
        long first = -1, last = -1;
        for (var i = 0; ; i++)
        {
            Assert.True(DateTime.UtcNow < deadline, "no change was announced to the watcher");
            if (eachRound is not null)
                await eachRound();
            await InsertAsync(writer, Row($"joiner{i}"));
            last = await VersionAsync(writer);
            if (first < 0)
                first = last;
            if (await watch.WaitForAsync(first, TimeSpan.FromMilliseconds(500)) is { } seen)
                return (first, last, seen);
        }
    }

    protected static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> action)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await action(i);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Reads a <see cref="IMembershipTable.WatchAsync"/> stream with timeouts.</summary>
    protected sealed class Watcher : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly IAsyncEnumerator<long> _versions;
        private Task<bool>? _pending;
        private bool _ended;

        public Watcher(IMembershipTable table)
        {
            _versions = table.WatchAsync(_cts.Token).GetAsyncEnumerator();
            _pending = _versions.MoveNextAsync().AsTask();
        }

        /// <summary>Every version yielded so far.</summary>
        public List<long> Seen { get; } = [];

        /// <summary>Reads versions until one is at least <paramref name="version"/> and returns it; null if none came
        /// within <paramref name="within"/>.</summary>
        public async Task<long?> WaitForAsync(long version, TimeSpan within)
        {
            var deadline = DateTime.UtcNow + within;
            while (true)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    return null;
                var pending = _pending ??= _versions.MoveNextAsync().AsTask();
                if (await Task.WhenAny(pending, Task.Delay(left)) != pending)
                    return null;
                _pending = null;
                Assert.True(await pending, "the watch ended");
                Seen.Add(_versions.Current);
                if (_versions.Current >= version)
                    return _versions.Current;
            }
        }

        /// <summary>Cancels the watch and waits until the enumeration ends. Returns null when it ended as a cancelled
        /// enumeration should (no more items, or <see cref="OperationCanceledException"/>), otherwise what it threw.</summary>
        public async Task<Exception?> EndAsync()
        {
            if (_ended)
                return null;
            _ended = true;
            var pending = _pending ??= _versions.MoveNextAsync().AsTask();
            await _cts.CancelAsync();
            Exception? failure = null;
            try
            {
                while (await pending.WaitAsync(Probe.Patience))
                    pending = _versions.MoveNextAsync().AsTask();
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            try
            {
                await _versions.DisposeAsync();
            }
            catch (Exception exception)
            {
                failure ??= exception;
            }

            return failure;
        }

        /// <summary>Ends the watch; how it ended is <see cref="EndAsync"/>'s business (tested on its own).</summary>
        public async ValueTask DisposeAsync()
        {
            await EndAsync();
            _cts.Dispose();
        }
    }
}
