using Actors.Runtime.Placement;
using Actors.Runtime.Reminders;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>
/// <see cref="ReminderTableContract"/> plus the rules of a store that several services share (SQL tables): rows are
/// keyed by service id too, so two services never see or change each other's reminders. Memory tables have no
/// service id.
/// </summary>
public abstract class SharedDatabaseReminderTableContract : ReminderTableContract
{
    private static string NewServiceId() => "service-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task TwoServiceIds_WithTheSameGrainAndReminderName_NeverSeeEachOthersRows()
    {
        var a = await CreateTableAsync(NewServiceId());
        var b = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();
        var aETag = await a.UpsertRowAsync(Entry(grain), CancellationToken.None);

        Assert.Null(await ReadAsync(b, grain));
        Assert.Empty(await b.ReadRowsAsync(grain, CancellationToken.None));
        Assert.DoesNotContain(await b.ReadRowsAsync(RingRange.Full, CancellationToken.None), r => r.GrainId == grain);
        Assert.DoesNotContain(await b.ReadRowsAsync(new RingRange(grain.UniformHash - 1, grain.UniformHash), CancellationToken.None), r => r.GrainId == grain);

        var inB = Entry(grain) with { Period = TimeSpan.FromMinutes(9) };
        var bETag = await b.UpsertRowAsync(inB, CancellationToken.None);

        AssertRow(Entry(grain), aETag, await ReadAsync(a, grain));
        AssertRow(inB, bETag, await ReadAsync(b, grain));
        AssertRow(Entry(grain), aETag, Assert.Single(await a.ReadRowsAsync(grain, CancellationToken.None)));
        AssertRow(Entry(grain), aETag, Assert.Single(await a.ReadRowsAsync(new RingRange(grain.UniformHash - 1, grain.UniformHash), CancellationToken.None), r => r.GrainId == grain));
    }

    [Fact]
    public async Task TwoServiceIds_RemoveAndRecordTickInOne_LeaveTheOthersRowAlone()
    {
        var a = await CreateTableAsync(NewServiceId());
        var b = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();
        var aETag = await a.UpsertRowAsync(Entry(grain), CancellationToken.None);
        await b.UpsertRowAsync(Entry(grain), CancellationToken.None);

        await b.RecordTickAsync(grain, "sync", Start + Period, CancellationToken.None);
        // Whether B's row happens to carry the same ETag value is the table's business; A's row must stay.
        await b.RemoveRowAsync(grain, "sync", aETag, CancellationToken.None);

        AssertRow(Entry(grain), aETag, await ReadAsync(a, grain));
    }

    [Fact]
    public async Task RecordTick_InAServiceWithoutTheRow_ReturnsFalse_AndLeavesTheOtherServicesRow()
    {
        var a = await CreateTableAsync(NewServiceId());
        var b = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();
        var aETag = await a.UpsertRowAsync(Entry(grain), CancellationToken.None);

        Assert.False(await b.RecordTickAsync(grain, "sync", Start + Period, CancellationToken.None));
        Assert.False(await b.RemoveRowAsync(grain, "sync", aETag, CancellationToken.None));

        AssertRow(Entry(grain), aETag, await ReadAsync(a, grain));
        Assert.Null(await ReadAsync(b, grain));
    }
}
