using Orleans;
using Orleans.Runtime;

namespace Actors.Grains.Tests.Storage;

/// <summary>
/// What the reminder service relies on from Orleans' ADO.NET reminder table running our SQL: upserts with versions as
/// ETags, reads by grain, by name and by hash-ring range (including ranges that wrap around the ring), and deletes
/// guarded by the ETag. Run against PostgreSQL and SQLite by the subclasses. Other tests' rows share the table, so
/// range reads are checked on this test's grains only.
/// </summary>
public abstract class ReminderTableContract
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private protected abstract StorageSilo Silo { get; }

    private static GrainId NewGrain() => GrainId.Create("remindertest", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period, DateTime? start = null) =>
        new() { GrainId = grain, ReminderName = name, StartAt = start ?? Start, Period = period };

    [Fact]
    public async Task Upsert_New_ReturnsVersionZero_AndReadsBack()
    {
        var grain = NewGrain();

        var etag = await Silo.Reminders.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(5)));

        Assert.Equal("0", etag);
        var row = await Silo.Reminders.ReadRow(grain, "tick");
        Assert.NotNull(row);
        Assert.Equal((grain, "tick", Start, TimeSpan.FromMinutes(5), "0"), (row.GrainId, row.ReminderName, row.StartAt, row.Period, row.ETag));
    }

    [Fact]
    public async Task Upsert_Existing_UpdatesPeriodAndStart_AndBumpsTheVersion()
    {
        var grain = NewGrain();
        await Silo.Reminders.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(5)));

        var etag = await Silo.Reminders.UpsertRow(Entry(grain, "tick", TimeSpan.FromHours(2), Start.AddDays(1)));

        Assert.Equal("1", etag);
        var row = await Silo.Reminders.ReadRow(grain, "tick");
        Assert.Equal((Start.AddDays(1), TimeSpan.FromHours(2), "1"), (row!.StartAt, row.Period, row.ETag));
    }

    [Fact]
    public async Task ReadRow_Unknown_ReturnsNull() => Assert.Null(await Silo.Reminders.ReadRow(NewGrain(), "missing"));

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsOnlyThatGrainsReminders()
    {
        var grain = NewGrain();
        await Silo.Reminders.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(1)));
        await Silo.Reminders.UpsertRow(Entry(grain, "b", TimeSpan.FromMinutes(2)));
        await Silo.Reminders.UpsertRow(Entry(NewGrain(), "a", TimeSpan.FromMinutes(1)));

        var rows = await Silo.Reminders.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task ReadRows_ByRange_ReturnsTheGrainsInTheRange_IncludingRangesThatWrapAround()
    {
        var grains = Enumerable.Range(0, 3).Select(_ => NewGrain()).OrderBy(g => g.GetUniformHashCode()).ToArray();
        foreach (var grain in grains)
            await Silo.Reminders.UpsertRow(Entry(grain, "ring", TimeSpan.FromMinutes(1)));
        var (low, middle, high) = (grains[0], grains[1], grains[2]);
        uint Hash(GrainId grain) => grain.GetUniformHashCode();

        async Task<GrainId[]> Range(uint begin, uint end) =>
            (await Silo.Reminders.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).Where(grains.Contains)
            .OrderBy(g => g.GetUniformHashCode()).ToArray();

        Assert.Equal([middle, high], await Range(Hash(low), Hash(high)));          // (low, high]
        Assert.Equal([low, middle], await Range(Hash(low) - 1, Hash(middle)));     // [low, middle]
        Assert.Equal([low, high], await Range(Hash(middle), Hash(low)));           // wraps: (middle, max] and [0, low]
        Assert.Equal([low, middle, high], await Range(Hash(middle), Hash(middle))); // begin == end: the whole ring
    }

    [Fact]
    public async Task RemoveRow_WithCurrentETag_Deletes_AndWithAStaleOne_DoesNot()
    {
        var grain = NewGrain();
        var first = await Silo.Reminders.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(5)));
        var current = await Silo.Reminders.UpsertRow(Entry(grain, "tick", TimeSpan.FromMinutes(6)));
        Assert.NotNull(first);
        Assert.NotNull(current);

        Assert.False(await Silo.Reminders.RemoveRow(grain, "tick", first));
        Assert.NotNull(await Silo.Reminders.ReadRow(grain, "tick"));
        Assert.True(await Silo.Reminders.RemoveRow(grain, "tick", current));
        Assert.Null(await Silo.Reminders.ReadRow(grain, "tick"));
        Assert.False(await Silo.Reminders.RemoveRow(grain, "tick", current));
    }
}

/// <summary><see cref="ReminderTableContract"/> on PostgreSQL.</summary>
[Collection(PostgresStorageCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresReminderTableTests(PostgresStorageSiloFixture fixture) : ReminderTableContract
{
    private protected override StorageSilo Silo => fixture.Silo;
}

/// <summary><see cref="ReminderTableContract"/> on SQLite.</summary>
[Collection(SqliteStorageCollection.Name)]
public sealed class SqliteReminderTableTests(SqliteStorageSiloFixture fixture) : ReminderTableContract
{
    private protected override StorageSilo Silo => fixture.Silo;
}
