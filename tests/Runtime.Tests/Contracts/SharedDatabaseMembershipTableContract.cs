using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>
/// <see cref="MembershipTableContract"/> plus the rules of a table that several clusters share (SQL tables): rows
/// and the table version are per cluster id, so clusters never see, change or hear of each other's rows. The
/// in-memory table has no cluster id.
/// </summary>
public abstract class SharedDatabaseMembershipTableContract : MembershipTableContract
{
    [Fact]
    public async Task TwoClusterIds_HaveTheirOwnRowsAndVersions()
    {
        var a = await CreateTableAsync(NewClusterId());
        var b = await CreateTableAsync(NewClusterId());
        await InsertAsync(a, Row("shared"));
        await InsertAsync(a, Row("only-a"));
        var aBefore = await a.ReadAllAsync(CancellationToken.None);

        Assert.Empty((await b.ReadAllAsync(CancellationToken.None)).Entries);
        await InsertAsync(b, Row("shared", status: SiloStatus.Joining));
        await UpdateAsync(b, Row("shared").Silo, r => r with { Status = SiloStatus.Dead });

        var aAfter = await a.ReadAllAsync(CancellationToken.None);
        Assert.Equal(aBefore.Version, aAfter.Version);
        Assert.Equal(["only-a", "shared"], aAfter.Entries.Select(e => e.Silo.Host).Order(StringComparer.Ordinal));
        Assert.Equal(SiloStatus.Active, aAfter.Entries.Single(e => e.Silo.Host == "shared").Status);
        Assert.Equal(SiloStatus.Dead, Assert.Single((await b.ReadAllAsync(CancellationToken.None)).Entries).Status);
    }

    [Fact]
    public async Task TwoClusterIds_HeartbeatAndCleanupInOne_LeaveTheOthersRowsAlone()
    {
        var a = await CreateTableAsync(NewClusterId());
        var b = await CreateTableAsync(NewClusterId());
        var old = T0 - TimeSpan.FromHours(2);
        foreach (var table in new[] { a, b })
        {
            await InsertAsync(table, Row("dead", iAmAlive: old));
            await UpdateAsync(table, Row("dead").Silo, r => r with { Status = SiloStatus.Dead });
        }

        await b.UpdateIAmAliveAsync(Row("dead").Silo, old + TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(1, await b.CleanupDefunctEntriesAsync(T0, CancellationToken.None));

        AssertRow(Row("dead", status: SiloStatus.Dead, iAmAlive: old), Assert.Single((await a.ReadAllAsync(CancellationToken.None)).Entries));
        Assert.Empty((await b.ReadAllAsync(CancellationToken.None)).Entries);
    }

    [Fact]
    public async Task TwoClusterIds_AWatcherOfOneHearsNothingOfTheOther()
    {
        var a = await CreateTableAsync(NewClusterId());
        var b = await CreateTableAsync(NewClusterId());
        // Give B versions A will not reach in this test, so a leaked announcement is recognisable.
        await InsertAsync(b, Row("b"));
        for (var i = 0; i < 10 || await VersionAsync(b) <= await VersionAsync(a) + 10; i++)
            await UpdateAsync(b, Row("b").Silo, r => r with { IAmAliveTime = r.IAmAliveTime + TimeSpan.FromSeconds(1) });
        await using var watch = new Watcher(a);

        // B changes too in every round, until A's watcher hears of A's change.
        await ChangeUntilAnnouncedAsync(watch, a, () => UpdateAsync(b, Row("b").Silo, r => r with { IAmAliveTime = r.IAmAliveTime + TimeSpan.FromSeconds(1) }));

        var lastOfA = await VersionAsync(a);
        Assert.All(watch.Seen, v => Assert.True(v <= lastOfA, $"the watcher of A yielded {v}, a version only B has (A is at {lastOfA}); seen: {string.Join(", ", watch.Seen)}"));
    }
}
