using Actors.Runtime.Placement;
using Actors.Runtime.Reminders;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>
/// The <see cref="IReminderTable"/> contract (see its doc comment), written once and run against every table.
/// Tests share nothing but the table's store: every test uses its own grain type, and range reads are checked only
/// for the test's own rows, so a subclass may keep one database for all of its tests.
/// </summary>
public abstract class ReminderTableContract
{
    /// <summary>The service id the tests use unless they test service ids.</summary>
    protected const string ServiceId = "contract-tests";

    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    /// <summary>A table over the test's store. A second call with the same <paramref name="serviceId"/> returns a new
    /// table instance over the same store (a silo restart).</summary>
    protected abstract Task<IReminderTable> CreateTableAsync(string serviceId);

    protected static GrainType NewGrainType() => new("contract" + Guid.NewGuid().ToString("N"));

    protected static GrainId NewGrain(string key = "k") => new(NewGrainType(), key);

    protected static ReminderEntry Entry(GrainId grain, string name = "sync", DateTimeOffset? lastTick = null) =>
        new(grain, name, Start, Period, null, lastTick);

    protected static Task<ReminderEntry?> ReadAsync(IReminderTable table, GrainId grain, string name = "sync") =>
        table.ReadRowAsync(grain, name, CancellationToken.None);

    protected static void AssertRow(ReminderEntry expected, string eTag, ReminderEntry? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.GrainId, actual.GrainId);
        Assert.Equal(expected.ReminderName, actual.ReminderName);
        Assert.Equal(expected.StartAt, actual.StartAt);
        Assert.Equal(expected.Period, actual.Period);
        Assert.Equal(expected.LastTick, actual.LastTick);
        Assert.Equal(eTag, actual.ETag);
    }

    [Fact]
    public async Task ReadRow_Missing_ReturnsNull_AndGrainReadReturnsNoRows()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain();

        Assert.Null(await ReadAsync(table, grain));
        Assert.Empty(await table.ReadRowsAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_NewRow_ReturnsAnEtag_AndTheRowReadsBackWithIt()
    {
        var table = await CreateTableAsync(ServiceId);
        var entry = new ReminderEntry(NewGrain("course-v1:edX+DemoX+Demo_Course"), "weekly digest", Start, TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1), null, Start + TimeSpan.FromDays(14));

        var eTag = await table.UpsertRowAsync(entry, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(eTag));
        AssertRow(entry, eTag, await ReadAsync(table, entry.GrainId, entry.ReminderName));
        AssertRow(entry, eTag, Assert.Single(await table.ReadRowsAsync(entry.GrainId, CancellationToken.None)));
    }

    [Fact]
    public async Task Upsert_ExistingRow_ReplacesStartPeriodAndLastTick_AndReturnsANewEtag()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var first = await table.UpsertRowAsync(Entry(grain, lastTick: Start + Period), CancellationToken.None);

        var replacement = new ReminderEntry(grain, "sync", Start + TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), first, null);
        var second = await table.UpsertRowAsync(replacement, CancellationToken.None);

        Assert.NotEqual(first, second);
        AssertRow(replacement, second, await ReadAsync(table, grain));
        Assert.Single(await table.ReadRowsAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_IsLastWriterWins_WhateverEtagTheEntryCarries()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var first = await table.UpsertRowAsync(Entry(grain), CancellationToken.None);
        await table.UpsertRowAsync(Entry(grain) with { Period = TimeSpan.FromMinutes(2) }, CancellationToken.None);

        var last = Entry(grain) with { Period = TimeSpan.FromMinutes(3), ETag = first };
        var eTag = await table.UpsertRowAsync(last, CancellationToken.None);

        AssertRow(last, eTag, await ReadAsync(table, grain));
    }

    [Fact]
    public async Task Remove_WithCurrentEtag_DeletesTheRow_AndReturnsTrueOnlyOnce()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var eTag = await table.UpsertRowAsync(Entry(grain), CancellationToken.None);

        Assert.True(await table.RemoveRowAsync(grain, "sync", eTag, CancellationToken.None));

        Assert.Null(await ReadAsync(table, grain));
        Assert.Empty(await table.ReadRowsAsync(grain, CancellationToken.None));
        Assert.False(await table.RemoveRowAsync(grain, "sync", eTag, CancellationToken.None));
    }

    [Fact]
    public async Task Remove_WithStaleEtag_ReturnsFalse_AndKeepsTheRow()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var stale = await table.UpsertRowAsync(Entry(grain), CancellationToken.None);
        var current = await table.UpsertRowAsync(Entry(grain), CancellationToken.None);

        Assert.False(await table.RemoveRowAsync(grain, "sync", stale, CancellationToken.None));

        AssertRow(Entry(grain), current, await ReadAsync(table, grain));
    }

    [Fact]
    public async Task Remove_MissingRow_ReturnsFalse()
    {
        var table = await CreateTableAsync(ServiceId);
        var other = NewGrain();
        var eTag = await table.UpsertRowAsync(Entry(other), CancellationToken.None);

        Assert.False(await table.RemoveRowAsync(NewGrain(), "sync", eTag, CancellationToken.None));
        Assert.False(await table.RemoveRowAsync(other, "other-name", eTag, CancellationToken.None));
        AssertRow(Entry(other), eTag, await ReadAsync(table, other));
    }

    [Fact]
    public async Task Remove_WithTheEtagOfADeletedRow_DoesNotDeleteTheRowUpsertedAfterIt()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var old = await table.UpsertRowAsync(Entry(grain), CancellationToken.None);
        Assert.True(await table.RemoveRowAsync(grain, "sync", old, CancellationToken.None));
        var current = await table.UpsertRowAsync(Entry(grain), CancellationToken.None);

        Assert.False(await table.RemoveRowAsync(grain, "sync", old, CancellationToken.None));

        AssertRow(Entry(grain), current, await ReadAsync(table, grain));
    }

    [Fact]
    public async Task RecordTick_StoresTheLastTick_WithoutChangingTheEtag()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var eTag = await table.UpsertRowAsync(Entry(grain), CancellationToken.None);
        var tick = Start + 3 * Period;

        Assert.True(await table.RecordTickAsync(grain, "sync", tick, CancellationToken.None));

        AssertRow(Entry(grain, lastTick: tick), eTag, await ReadAsync(table, grain));
        Assert.True(await table.RemoveRowAsync(grain, "sync", eTag, CancellationToken.None));
    }

    [Fact]
    public async Task RecordTick_MissingRow_ReturnsFalse_AndCreatesNothing()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain();

        Assert.False(await table.RecordTickAsync(grain, "sync", Start, CancellationToken.None));

        Assert.Null(await ReadAsync(table, grain));
    }

    [Fact]
    public async Task ReadRowsOfAGrain_ReturnsAllItsRows_AndNoOtherGrainsRows()
    {
        var table = await CreateTableAsync(ServiceId);
        var grain = NewGrain("same");
        var sameKeyOtherType = NewGrain("same");
        var sameTypeOtherKey = new GrainId(grain.Type, "other");
        await table.UpsertRowAsync(Entry(grain, "a"), CancellationToken.None);
        await table.UpsertRowAsync(Entry(grain, "b"), CancellationToken.None);
        await table.UpsertRowAsync(Entry(sameKeyOtherType, "a"), CancellationToken.None);
        await table.UpsertRowAsync(Entry(sameTypeOtherKey, "a"), CancellationToken.None);

        var rows = await table.ReadRowsAsync(grain, CancellationToken.None);

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
    }

    [Theory]
    [InlineData("020235", "20235")]
    [InlineData("0x1F", "31")]
    [InlineData("ABC", "abc")]
    public async Task KeysThatLookAlike_NeverShareARow(string firstKey, string secondKey)
    {
        var table = await CreateTableAsync(ServiceId);
        var type = NewGrainType();
        var first = new GrainId(type, firstKey);
        var second = new GrainId(type, secondKey);
        var firstETag = await table.UpsertRowAsync(Entry(first), CancellationToken.None);

        Assert.Null(await ReadAsync(table, second));
        var secondETag = await table.UpsertRowAsync(Entry(second) with { Period = TimeSpan.FromMinutes(9) }, CancellationToken.None);

        AssertRow(Entry(first), firstETag, await ReadAsync(table, first));
        AssertRow(Entry(second) with { Period = TimeSpan.FromMinutes(9) }, secondETag, await ReadAsync(table, second));
    }

    [Fact]
    public async Task TwoGrainTypes_WithTheSameKeyAndReminderName_NeverShareARow()
    {
        var table = await CreateTableAsync(ServiceId);
        var a = NewGrain("same");
        var b = NewGrain("same");
        var aETag = await table.UpsertRowAsync(Entry(a), CancellationToken.None);
        var bETag = await table.UpsertRowAsync(Entry(b), CancellationToken.None);

        Assert.True(await table.RemoveRowAsync(b, "sync", bETag, CancellationToken.None));

        AssertRow(Entry(a), aETag, await ReadAsync(table, a));
    }

    [Fact]
    public async Task ConcurrentFirstUpserts_AllSucceed_AndTheStoredRowIsOneOfThem()
    {
        var first = await CreateTableAsync(ServiceId);
        var second = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var entries = Enumerable.Range(1, 16).Select(i => Entry(grain) with { Period = TimeSpan.FromMinutes(i) }).ToList();

        var eTags = await RaceAsync(entries.Count, i => (i % 2 == 0 ? first : second).UpsertRowAsync(entries[i], CancellationToken.None));

        Assert.Equal(eTags.Length, eTags.Distinct().Count());
        var stored = await ReadAsync(first, grain);
        Assert.NotNull(stored);
        var winner = Array.IndexOf(eTags, stored.ETag);
        Assert.True(winner >= 0, $"the stored ETag {stored.ETag} is none of those returned");
        AssertRow(entries[winner], eTags[winner], stored);
        Assert.Single(await first.ReadRowsAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentRemoves_WithTheSameEtag_ExactlyOneDeletes()
    {
        var first = await CreateTableAsync(ServiceId);
        var second = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var eTag = await first.UpsertRowAsync(Entry(grain), CancellationToken.None);

        var removed = await RaceAsync(16, i => (i % 2 == 0 ? first : second).RemoveRowAsync(grain, "sync", eTag, CancellationToken.None));

        Assert.Single(removed, r => r);
        Assert.Null(await ReadAsync(second, grain));
    }

    [Fact]
    public async Task Restart_NewTableInstance_ReadsWhatTheOldOneWrote_AndHonoursItsEtags()
    {
        var before = await CreateTableAsync(ServiceId);
        var grain = NewGrain();
        var entry = Entry(grain, lastTick: Start + Period);
        var eTag = await before.UpsertRowAsync(entry, CancellationToken.None);
        var ticked = await before.UpsertRowAsync(Entry(grain, "ticked"), CancellationToken.None);
        await before.RecordTickAsync(grain, "ticked", Start + 2 * Period, CancellationToken.None);

        var after = await CreateTableAsync(ServiceId);

        AssertRow(entry, eTag, await ReadAsync(after, grain));
        AssertRow(Entry(grain, "ticked", Start + 2 * Period), ticked, await ReadAsync(after, grain, "ticked"));
        Assert.Equal(2, (await after.ReadRowsAsync(grain, CancellationToken.None)).Count);
        Assert.Equal(2, (await after.ReadRowsAsync(RingRange.Full, CancellationToken.None)).Count(r => r.GrainId == grain));
        Assert.True(await after.RemoveRowAsync(grain, "sync", eTag, CancellationToken.None));
        Assert.Null(await ReadAsync(before, grain));
    }

    [Fact]
    public async Task ReadRowsByRange_NonWrappingRange_ReturnsRowsAfterBeginUpToAndIncludingEnd()
    {
        var (table, rows) = await CreateRingAsync();
        var hashes = SortedHashes(rows);

        var range = new RingRange(hashes[10], hashes[20]);
        var found = await AssertRangeReadAsync(table, rows, range);

        Assert.Equal(hashes[11..21], found.Select(r => r.GrainId.UniformHash).Distinct().Order());
    }

    [Fact]
    public async Task ReadRowsByRange_RangeAcrossTheMiddleOfTheRing_ReturnsRowsOnBothSidesOf2Pow31()
    {
        var (table, rows) = await CreateRingAsync();
        var hashes = SortedHashes(rows);
        var lastLow = Array.FindLastIndex(hashes, h => h < 0x8000_0000u);

        var range = new RingRange(hashes[lastLow - 2], hashes[lastLow + 2]);
        var found = await AssertRangeReadAsync(table, rows, range);

        Assert.Equal(hashes[(lastLow - 1)..(lastLow + 3)], found.Select(r => r.GrainId.UniformHash).Distinct().Order());
    }

    [Fact]
    public async Task ReadRowsByRange_WrappingRange_ReturnsRowsAtBothEndsOfTheRing()
    {
        var (table, rows) = await CreateRingAsync();
        var hashes = SortedHashes(rows);
        var n = hashes.Length;

        var range = new RingRange(hashes[n - 4], hashes[2]);
        var found = await AssertRangeReadAsync(table, rows, range);

        Assert.Equal([hashes[0], hashes[1], hashes[2], hashes[n - 3], hashes[n - 2], hashes[n - 1]], found.Select(r => r.GrainId.UniformHash).Distinct().Order());
    }

    [Fact]
    public async Task ReadRowsByRange_RangesTouchingTheEndsOfTheHashSpace_UseUnsignedOrder()
    {
        var (table, rows) = await CreateRingAsync();
        var hashes = SortedHashes(rows);
        var n = hashes.Length;

        Assert.Equal(hashes[(n - 3)..], (await AssertRangeReadAsync(table, rows, new RingRange(hashes[n - 4], uint.MaxValue))).Select(r => r.GrainId.UniformHash).Distinct().Order());
        Assert.Equal(hashes[..3], (await AssertRangeReadAsync(table, rows, new RingRange(0, hashes[2]))).Select(r => r.GrainId.UniformHash).Distinct().Order());
        Assert.Equal(hashes[..3], (await AssertRangeReadAsync(table, rows, new RingRange(uint.MaxValue, hashes[2]))).Select(r => r.GrainId.UniformHash).Distinct().Order());
    }

    [Fact]
    public async Task ReadRowsByRange_BeginEqualsEnd_ReturnsTheWholeRing()
    {
        var (table, rows) = await CreateRingAsync();
        var hashes = SortedHashes(rows);

        Assert.Equal(rows.Count, (await AssertRangeReadAsync(table, rows, RingRange.Full)).Count);
        Assert.Equal(rows.Count, (await AssertRangeReadAsync(table, rows, new RingRange(hashes[7], hashes[7]))).Count);
    }

    /// <summary>Rows of at least 48 grains of a fresh type, with at least 4 grains on each half of the ring; every
    /// third grain has a second reminder.</summary>
    private async Task<(IReminderTable Table, List<ReminderEntry> Rows)> CreateRingAsync()
    {
        var table = await CreateTableAsync(ServiceId);
        var type = NewGrainType();
        var grains = new List<GrainId>();
        for (var i = 0; grains.Count < 48 || grains.Count(g => g.UniformHash < 0x8000_0000u) < 4 || grains.Count(g => g.UniformHash >= 0x8000_0000u) < 4; i++)
            grains.Add(new GrainId(type, $"g{i}"));
        var rows = grains.SelectMany((g, i) => i % 3 == 0 ? [Entry(g, "a"), Entry(g, "b")] : new[] { Entry(g, "a") }).ToList();
        for (var i = 0; i < rows.Count; i++)
            rows[i] = rows[i] with { ETag = await table.UpsertRowAsync(rows[i], CancellationToken.None) };
        return (table, rows);
    }

    private static uint[] SortedHashes(List<ReminderEntry> rows) => rows.Select(r => r.GrainId.UniformHash).Distinct().Order().ToArray();

    /// <summary>Reads the range and checks that, of the test's own rows, exactly those whose hash the range contains
    /// came back, each once and intact (other tests' rows may share the store). Returns the test's rows found.</summary>
    private static async Task<List<ReminderEntry>> AssertRangeReadAsync(IReminderTable table, List<ReminderEntry> rows, RingRange range)
    {
        var type = rows[0].GrainId.Type;
        var found = (await table.ReadRowsAsync(range, CancellationToken.None)).Where(r => r.GrainId.Type == type).ToList();
        Assert.All(found, r => Assert.True(range.Contains(r.GrainId.UniformHash), $"{r.GrainId} (hash {r.GrainId.UniformHash}) is outside {range}"));
        var expected = rows.Where(r => range.Contains(r.GrainId.UniformHash)).Select(r => (r.GrainId.Key, r.ReminderName)).Order().ToList();
        Assert.Equal(expected, found.Select(r => (r.GrainId.Key, r.ReminderName)).Order().ToList());
        foreach (var row in found)
            AssertRow(rows.Single(r => r.GrainId == row.GrainId && r.ReminderName == row.ReminderName), rows.Single(r => r.GrainId == row.GrainId && r.ReminderName == row.ReminderName).ETag!, row);
        return found;
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
}
