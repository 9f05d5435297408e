using System.Collections.Immutable;
using Actors.Grains.Storage.Identity;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Grains.Tests.Storage;

/// <summary>
/// What grains may rely on from the silo's default grain storage (Orleans' ADO.NET provider running our SQL, behind
/// <see cref="TypeQualifiedGrainStorage"/>): writes round-trip, ETags guard every write and clear, and no two grains
/// share a row. Run against PostgreSQL and SQLite by the subclasses.
/// </summary>
public abstract class GrainStateContract
{
    private const string StateName = "profile";

    private protected abstract StorageSilo Silo { get; }

    private static GrainId Grain(string type, string key) => GrainId.Create(type, key);

    private static GrainId UniqueGrain(string type = "testgrain") => Grain(type, "user-" + Guid.NewGuid().ToString("N"));

    private static TestState Sample(string name) => new()
    {
        Name = name,
        Count = 3,
        Tags = ["a", "b"],
        Scores = new Dictionary<string, double> { ["p1"] = 0.5, ["p2"] = 1 }.ToImmutableDictionary(),
        Best = new TestScore("p2", 1),
    };

    [Fact]
    public async Task Write_ThenRead_ReturnsTheStateAndETag()
    {
        var grain = UniqueGrain();
        var written = new GrainState<TestState>(Sample("alice"));

        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, written);
        var read = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.True(Sample("alice").Equivalent(read.State!));
        Assert.Equal("1", read.ETag);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Read_NothingWritten_HasNoRecordAndNoETag()
    {
        var read = new GrainState<TestState>();

        await Silo.DefaultStorage.ReadStateAsync(StateName, UniqueGrain(), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
    }

    [Fact]
    public async Task Write_WithCurrentETag_BumpsTheVersion()
    {
        var grain = UniqueGrain();
        var state = new GrainState<TestState>(Sample("v1"));
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, state);

        state.State = Sample("v2");
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, state);

        Assert.Equal("2", state.ETag);
        var read = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("v2", read.State!.Name);
    }

    [Fact]
    public async Task Write_WithStaleETag_ThrowsInconsistentState_AndKeepsTheStoredState()
    {
        var grain = UniqueGrain();
        var first = new GrainState<TestState>(Sample("first"));
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, first);
        var stale = new GrainState<TestState>(Sample("stale"), first.ETag);
        first.State = Sample("second");
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Silo.DefaultStorage.WriteStateAsync(StateName, grain, stale));

        var read = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(("second", "2"), (read.State!.Name, read.ETag));
    }

    [Fact]
    public async Task FirstWrite_WithoutETag_WhenARowExists_ThrowsInconsistentState()
    {
        var grain = UniqueGrain();
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, new GrainState<TestState>(Sample("winner")));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Silo.DefaultStorage.WriteStateAsync(StateName, grain, new GrainState<TestState>(Sample("duplicate activation"))));

        var read = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(("winner", "1"), (read.State!.Name, read.ETag));
    }

    [Fact]
    public async Task Clear_ThenRead_HasNoRecord_AndTheNextWriteUsesTheClearedETag()
    {
        var grain = UniqueGrain();
        var state = new GrainState<TestState>(Sample("to clear"));
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, state);

        await Silo.DefaultStorage.ClearStateAsync(StateName, grain, state);

        Assert.Equal(("2", false), (state.ETag, state.RecordExists));
        var read = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, grain, read);
        Assert.Equal((false, "2"), (read.RecordExists, read.ETag));
        read.State = Sample("after clear");
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task Clear_WithStaleETag_ThrowsInconsistentState()
    {
        var grain = UniqueGrain();
        var state = new GrainState<TestState>(Sample("v1"));
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, state);
        var stale = new GrainState<TestState>(state.State, state.ETag) { RecordExists = true };
        await Silo.DefaultStorage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Silo.DefaultStorage.ClearStateAsync(StateName, grain, stale));
    }

    [Fact]
    public async Task TwoGrainTypes_WithTheSameStateNameAndKey_DoNotShareARow()
    {
        var key = "shared-" + Guid.NewGuid().ToString("N");
        await Silo.DefaultStorage.WriteStateAsync(StateName, Grain("course", key), new GrainState<TestState>(Sample("course state")));

        var other = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, Grain("studentmodule", key), other);
        Assert.False(other.RecordExists);
        other.State = Sample("student state");
        await Silo.DefaultStorage.WriteStateAsync(StateName, Grain("studentmodule", key), other);

        var course = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, Grain("course", key), course);
        Assert.Equal(("course state", "1"), (course.State!.Name, course.ETag));
        Assert.Equal("1", other.ETag);
    }

    [Theory]
    [InlineData("ff", "FF")]
    [InlineData("020235", "20235")]
    [InlineData("ab+x", "AB+x")]
    [InlineData("course-v1:A+B+C", "course-v1:A+B+D")]
    [InlineData("0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF")]
    public async Task LookAlikeStringKeys_DoNotShareARow(string key, string lookAlike)
    {
        var type = "lookalike" + Guid.NewGuid().ToString("N")[..8];
        await Silo.DefaultStorage.WriteStateAsync(StateName, Grain(type, key), new GrainState<TestState>(Sample(key)));

        var other = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, Grain(type, lookAlike), other);
        Assert.False(other.RecordExists);
        other.State = Sample(lookAlike);
        await Silo.DefaultStorage.WriteStateAsync(StateName, Grain(type, lookAlike), other);

        var first = new GrainState<TestState>();
        await Silo.DefaultStorage.ReadStateAsync(StateName, Grain(type, key), first);
        Assert.Equal((key, "1"), (first.State!.Name, first.ETag));
    }

    [Fact]
    public async Task WithoutTheDecorator_HexLookAlikeKeysWouldShareARow()
    {
        // Why the default provider is wrapped: Orleans' ADO.NET storage reads "ff" and "FF" as the integer key 255.
        var type = "undecorated" + Guid.NewGuid().ToString("N")[..8];
        await Silo.AdoNetStorage.WriteStateAsync(StateName, Grain(type, "ff"), new GrainState<TestState>(Sample("ff")));

        var other = new GrainState<TestState>();
        await Silo.AdoNetStorage.ReadStateAsync(StateName, Grain(type, "FF"), other);

        Assert.Equal((true, "ff"), (other.RecordExists, other.State!.Name));
    }

    [Fact]
    public async Task IntegerKeyWithoutExtension_SecondFirstWrite_ThrowsInconsistentState()
    {
        // The undecorated provider stores integer keys with a NULL extension; the identity must still be unique.
        var grain = GrainId.Create("integerkeyed" + Guid.NewGuid().ToString("N")[..8], "2a");
        await Silo.AdoNetStorage.WriteStateAsync(StateName, grain, new GrainState<TestState>(Sample("first")));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Silo.AdoNetStorage.WriteStateAsync(StateName, grain, new GrainState<TestState>(Sample("second"))));

        var read = new GrainState<TestState>();
        await Silo.AdoNetStorage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(("first", "1"), (read.State!.Name, read.ETag));
    }

    [Fact]
    public void DefaultProvider_IsTheTypeQualifyingDecorator() => Assert.IsType<TypeQualifiedGrainStorage>(Silo.DefaultStorage);
}

/// <summary><see cref="GrainStateContract"/> on PostgreSQL.</summary>
[Collection(PostgresStorageCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresGrainStateTests(PostgresStorageSiloFixture fixture) : GrainStateContract
{
    private protected override StorageSilo Silo => fixture.Silo;
}

/// <summary><see cref="GrainStateContract"/> on SQLite.</summary>
[Collection(SqliteStorageCollection.Name)]
public sealed class SqliteGrainStateTests(SqliteStorageSiloFixture fixture) : GrainStateContract
{
    private protected override StorageSilo Silo => fixture.Silo;
}
