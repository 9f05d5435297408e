using Actors.Runtime.Persistence;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>
/// The <see cref="IGrainStorage"/> contract (see its doc comment), written once and run against every provider.
/// Tests share nothing but the provider's store: every test uses its own grain type, so a subclass may keep one
/// database for all of its tests.
/// </summary>
public abstract class GrainStorageContract
{
    private const string StateName = "state";

    /// <summary>A provider over the test's store. A second call with the same <paramref name="serviceId"/> returns a
    /// new provider instance over the same store (a silo restart).</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync(string serviceId);

    /// <summary>The service id the tests use unless they test service ids.</summary>
    protected const string ServiceId = "contract-tests";

    public sealed class ContractState
    {
        public int Value { get; set; }

        public string Text { get; set; } = "";

        public List<string> Items { get; set; } = [];
    }

    protected sealed class Holder : IGrainState<ContractState>
    {
        public ContractState State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }

        public static Holder With(int value) => new() { State = new ContractState { Value = value } };

        public Holder Copy() => new() { State = State, ETag = ETag, RecordExists = RecordExists };
    }

    protected static GrainId NewGrain(string key = "k") => new(NewGrainType(), key);

    protected static GrainType NewGrainType() => new("contract" + Guid.NewGuid().ToString("N"));

    protected static async Task<Holder> ReadAsync(IGrainStorage storage, GrainId grain, string stateName = StateName)
    {
        var holder = new Holder { State = new ContractState { Value = -1 }, ETag = "junk", RecordExists = true };
        await storage.ReadStateAsync(stateName, grain, holder, CancellationToken.None);
        return holder;
    }

    protected static Task WriteAsync(IGrainStorage storage, GrainId grain, Holder holder, string stateName = StateName) =>
        storage.WriteStateAsync(stateName, grain, holder, CancellationToken.None);

    protected static Task ClearAsync(IGrainStorage storage, GrainId grain, Holder holder) =>
        storage.ClearStateAsync(StateName, grain, holder, CancellationToken.None);

    [Fact]
    public async Task Read_NeverWrittenState_ReturnsDefaultStateNullEtagAndNoRecord()
    {
        var storage = await CreateStorageAsync(ServiceId);

        var read = await ReadAsync(storage, NewGrain());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Equal(0, read.State.Value);
        Assert.Empty(read.State.Items);
    }

    [Fact]
    public async Task Write_NewStateWithNullEtag_StoresItAndSetsEtagAndRecordExists()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain("course-v1:edX+DemoX+Demo_Course");
        var holder = new Holder { State = new ContractState { Value = 7, Text = "Grüße, 日本語 \"quoted\" \\ ", Items = ["a", "b"] } };

        await WriteAsync(storage, grain, holder);

        Assert.True(holder.RecordExists);
        Assert.NotNull(holder.ETag);
        var read = await ReadAsync(storage, grain);
        Assert.True(read.RecordExists);
        Assert.Equal(holder.ETag, read.ETag);
        Assert.Equal(7, read.State.Value);
        Assert.Equal(holder.State.Text, read.State.Text);
        Assert.Equal(["a", "b"], read.State.Items);
    }

    [Fact]
    public async Task Write_WithCurrentEtag_StoresStateAndChangesEtag()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(1);
        await WriteAsync(storage, grain, holder);
        var first = holder.ETag;

        holder.State = new ContractState { Value = 2 };
        await WriteAsync(storage, grain, holder);

        Assert.NotNull(holder.ETag);
        Assert.NotEqual(first, holder.ETag);
        var read = await ReadAsync(storage, grain);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(holder.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_WithStaleEtag_ThrowsInconsistentState_AndStoresNothing()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(1);
        await WriteAsync(storage, grain, holder);
        var stale = holder.Copy();
        holder.State = new ContractState { Value = 2 };
        await WriteAsync(storage, grain, holder);

        stale.State = new ContractState { Value = 99 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grain, stale));

        var read = await ReadAsync(storage, grain);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(holder.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_WithNullEtagWhenStateExists_ThrowsInconsistentState_AndStoresNothing()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(1);
        await WriteAsync(storage, grain, holder);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grain, Holder.With(99)));

        var read = await ReadAsync(storage, grain);
        Assert.Equal(1, read.State.Value);
        Assert.Equal(holder.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_WithEtagWhenNoStateExists_ThrowsInconsistentState_AndStoresNothing()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var other = NewGrain();
        var elsewhere = Holder.With(1);
        await WriteAsync(storage, other, elsewhere);
        var grain = NewGrain();

        // An ETag that is real somewhere else (so well-formed) but not for this row.
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grain, new Holder { ETag = elsewhere.ETag, State = new ContractState { Value = 99 } }));

        var read = await ReadAsync(storage, grain);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State.Value);
    }

    [Fact]
    public async Task Clear_WithCurrentEtag_RemovesState_AndReadersSeeNoRecord()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(5);
        await WriteAsync(storage, grain, holder);
        var written = holder.ETag;

        await ClearAsync(storage, grain, holder);

        Assert.False(holder.RecordExists);
        Assert.NotNull(holder.ETag);
        Assert.NotEqual(written, holder.ETag);
        var read = await ReadAsync(storage, grain);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State.Value);
    }

    [Fact]
    public async Task Clear_WithStaleEtag_ThrowsInconsistentState_AndRemovesNothing()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(1);
        await WriteAsync(storage, grain, holder);
        var stale = holder.Copy();
        holder.State = new ContractState { Value = 2 };
        await WriteAsync(storage, grain, holder);

        await Assert.ThrowsAsync<InconsistentStateException>(() => ClearAsync(storage, grain, stale));

        var read = await ReadAsync(storage, grain);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(holder.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_WithNullEtagWhenStateExists_ThrowsInconsistentState_AndRemovesNothing()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(1);
        await WriteAsync(storage, grain, holder);

        await Assert.ThrowsAsync<InconsistentStateException>(() => ClearAsync(storage, grain, new Holder()));

        var read = await ReadAsync(storage, grain);
        Assert.True(read.RecordExists);
        Assert.Equal(1, read.State.Value);
    }

    [Fact]
    public async Task Clear_ThenWriteFromTheSameHolder_Succeeds_AndAStaleHolderFails()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(5);
        await WriteAsync(storage, grain, holder);
        var stale = await ReadAsync(storage, grain);

        await ClearAsync(storage, grain, holder);
        holder.State = new ContractState { Value = 6 };
        await WriteAsync(storage, grain, holder);

        Assert.True(holder.RecordExists);
        stale.State = new ContractState { Value = 99 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grain, stale));
        var read = await ReadAsync(storage, grain);
        Assert.Equal(6, read.State.Value);
        Assert.Equal(holder.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_WithEtagFromBeforeAClear_Fails_EvenAfterAnotherWriterStoredStateAgain()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(1);
        await WriteAsync(storage, grain, holder);
        var stale = holder.Copy();
        await ClearAsync(storage, grain, holder);
        var fresh = await ReadAsync(storage, grain);
        fresh.State = new ContractState { Value = 2 };
        await WriteAsync(storage, grain, fresh);

        stale.State = new ContractState { Value = 99 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(storage, grain, stale));

        var read = await ReadAsync(storage, grain);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(fresh.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_OfNeverWrittenStateWithNullEtag_Succeeds_AndTheHolderCanWriteAfterwards()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = new Holder();

        await ClearAsync(storage, grain, holder);

        Assert.False(holder.RecordExists);
        Assert.False((await ReadAsync(storage, grain)).RecordExists);
        holder.State = new ContractState { Value = 3 };
        await WriteAsync(storage, grain, holder);
        Assert.Equal(3, (await ReadAsync(storage, grain)).State.Value);
    }

    [Fact]
    public async Task Write_FreshReaderAfterAClear_CanWriteWithTheEtagItRead()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(1);
        await WriteAsync(storage, grain, holder);
        await ClearAsync(storage, grain, holder);

        var fresh = await ReadAsync(storage, grain);
        fresh.State = new ContractState { Value = 4 };
        await WriteAsync(storage, grain, fresh);

        var read = await ReadAsync(storage, grain);
        Assert.True(read.RecordExists);
        Assert.Equal(4, read.State.Value);
    }

    [Fact]
    public async Task ConcurrentFirstWrites_WithNullEtag_ExactlyOneWins_AndItsStateIsStored()
    {
        var first = await CreateStorageAsync(ServiceId);
        var second = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var writers = Enumerable.Range(1, 16).Select(Holder.With).ToList();

        var won = await RaceAsync(writers, (writer, i) => WriteAsync(i % 2 == 0 ? first : second, grain, writer));

        var winner = Assert.Single(won);
        var read = await ReadAsync(first, grain);
        Assert.Equal(winner.State.Value, read.State.Value);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task ConcurrentWrites_FromTheSameEtag_ExactlyOneWins_AndItsStateIsStored()
    {
        var first = await CreateStorageAsync(ServiceId);
        var second = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var original = Holder.With(0);
        await WriteAsync(first, grain, original);
        var writers = Enumerable.Range(1, 16).Select(i => new Holder { State = new ContractState { Value = i }, ETag = original.ETag, RecordExists = true }).ToList();

        var won = await RaceAsync(writers, (writer, i) => WriteAsync(i % 2 == 0 ? first : second, grain, writer));

        var winner = Assert.Single(won);
        var read = await ReadAsync(second, grain);
        Assert.Equal(winner.State.Value, read.State.Value);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task ConcurrentClearsAndWrites_FromTheSameEtag_ExactlyOneWins()
    {
        var first = await CreateStorageAsync(ServiceId);
        var second = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var original = Holder.With(0);
        await WriteAsync(first, grain, original);
        var writers = Enumerable.Range(1, 16).Select(i => new Holder { State = new ContractState { Value = i }, ETag = original.ETag, RecordExists = true }).ToList();

        var won = await RaceAsync(writers, (writer, i) => i % 2 == 0
            ? ClearAsync(first, grain, writer)
            : WriteAsync(second, grain, writer));

        var winner = Assert.Single(won);
        var read = await ReadAsync(first, grain);
        Assert.Equal(winner.RecordExists, read.RecordExists);
        Assert.Equal(winner.RecordExists ? winner.State.Value : 0, read.State.Value);
    }

    [Fact]
    public async Task Restart_NewProviderInstance_ReadsWhatTheOldOneWrote_AndHonoursItsEtag()
    {
        var before = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        var holder = Holder.With(11);
        await WriteAsync(before, grain, holder);

        var after = await CreateStorageAsync(ServiceId);
        var read = await ReadAsync(after, grain);

        Assert.True(read.RecordExists);
        Assert.Equal(11, read.State.Value);
        Assert.Equal(holder.ETag, read.ETag);
        read.State = new ContractState { Value = 12 };
        await WriteAsync(after, grain, read);
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(before, grain, holder));
        Assert.Equal(12, (await ReadAsync(before, grain)).State.Value);
    }

    [Fact]
    public async Task TwoGrainTypes_WithTheSameKeyAndStateName_NeverShareARow()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var a = new GrainId(NewGrainType(), "same");
        var b = new GrainId(NewGrainType(), "same");
        await WriteAsync(storage, a, Holder.With(1));

        Assert.False((await ReadAsync(storage, b)).RecordExists);
        await WriteAsync(storage, b, Holder.With(2));

        Assert.Equal(1, (await ReadAsync(storage, a)).State.Value);
        Assert.Equal(2, (await ReadAsync(storage, b)).State.Value);
    }

    [Fact]
    public async Task TwoStateNames_OfOneGrain_NeverShareARow()
    {
        var storage = await CreateStorageAsync(ServiceId);
        var grain = NewGrain();
        await WriteAsync(storage, grain, Holder.With(1), "profile");

        Assert.False((await ReadAsync(storage, grain, "progress")).RecordExists);
        await WriteAsync(storage, grain, Holder.With(2), "progress");

        Assert.Equal(1, (await ReadAsync(storage, grain, "profile")).State.Value);
        Assert.Equal(2, (await ReadAsync(storage, grain, "progress")).State.Value);
    }

    [Theory]
    [InlineData("020235", "20235")]
    [InlineData("0x1F", "31")]
    [InlineData("1F", "31")]
    [InlineData("ABC", "abc")]
    [InlineData("00000000000000000000000000000001", "1")]
    [InlineData("k", "k ")]
    public async Task KeysThatLookAlike_NeverShareARow(string firstKey, string secondKey)
    {
        var storage = await CreateStorageAsync(ServiceId);
        var type = NewGrainType();
        await WriteAsync(storage, new GrainId(type, firstKey), Holder.With(1));

        Assert.False((await ReadAsync(storage, new GrainId(type, secondKey))).RecordExists);
        await WriteAsync(storage, new GrainId(type, secondKey), Holder.With(2));

        Assert.Equal(1, (await ReadAsync(storage, new GrainId(type, firstKey))).State.Value);
        Assert.Equal(2, (await ReadAsync(storage, new GrainId(type, secondKey))).State.Value);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("|")]
    [InlineData(":")]
    public async Task GrainTypeAndKey_SplitDifferentlyAroundASeparator_NeverShareARow(string separator)
    {
        var storage = await CreateStorageAsync(ServiceId);
        var prefix = NewGrainType().Name;
        var a = new GrainId(new GrainType(prefix), $"x{separator}y");
        var b = new GrainId(new GrainType($"{prefix}{separator}x"), "y");
        await WriteAsync(storage, a, Holder.With(1));

        Assert.False((await ReadAsync(storage, b)).RecordExists);
        await WriteAsync(storage, b, Holder.With(2));

        Assert.Equal(1, (await ReadAsync(storage, a)).State.Value);
        Assert.Equal(2, (await ReadAsync(storage, b)).State.Value);
    }

    /// <summary>Runs every writer at once on the thread pool; returns the ones that did not get
    /// <see cref="InconsistentStateException"/>. Any other exception fails the test.</summary>
    protected static async Task<List<Holder>> RaceAsync(List<Holder> writers, Func<Holder, int, Task> write)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = writers.Select((writer, i) => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await write(writer, i);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(tasks);
        return writers.Where((_, i) => outcomes[i]).ToList();
    }
}
