using Actors.Runtime.Persistence;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>
/// <see cref="GrainStorageContract"/> plus the rules of a store that several services share (SQL providers): rows are
/// keyed by service id too, so two services never see each other's state. Memory providers have no service id.
/// </summary>
public abstract class SharedDatabaseGrainStorageContract : GrainStorageContract
{
    private static string NewServiceId() => "service-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task TwoServiceIds_WithTheSameGrainAndStateName_NeverShareARow()
    {
        var a = await CreateStorageAsync(NewServiceId());
        var b = await CreateStorageAsync(NewServiceId());
        var grain = NewGrain();
        var inA = Holder.With(1);
        await WriteAsync(a, grain, inA);

        Assert.False((await ReadAsync(b, grain)).RecordExists);
        var inB = Holder.With(2);
        await WriteAsync(b, grain, inB);

        Assert.Equal(1, (await ReadAsync(a, grain)).State.Value);
        Assert.Equal(2, (await ReadAsync(b, grain)).State.Value);
        Assert.Equal(inA.ETag, (await ReadAsync(a, grain)).ETag);
    }

    [Fact]
    public async Task TwoServiceIds_ClearInOne_LeavesTheOthersRow()
    {
        var a = await CreateStorageAsync(NewServiceId());
        var b = await CreateStorageAsync(NewServiceId());
        var grain = NewGrain();
        await WriteAsync(a, grain, Holder.With(1));
        var inB = Holder.With(2);
        await WriteAsync(b, grain, inB);

        await ClearAsync(b, grain, inB);

        Assert.False((await ReadAsync(b, grain)).RecordExists);
        var inA = await ReadAsync(a, grain);
        Assert.True(inA.RecordExists);
        Assert.Equal(1, inA.State.Value);
    }

    [Fact]
    public async Task TwoServiceIds_AnEtagFromOneService_DoesNotWriteTheOthersRow()
    {
        var a = await CreateStorageAsync(NewServiceId());
        var b = await CreateStorageAsync(NewServiceId());
        var grain = NewGrain();
        var inA = Holder.With(1);
        await WriteAsync(a, grain, inA);
        await WriteAsync(b, grain, Holder.With(2));

        var intruder = new Holder { State = new ContractState { Value = 99 }, ETag = inA.ETag, RecordExists = true };
        // Whether B's row happens to carry the same ETag value is the provider's business; A's row must stay untouched.
        try
        {
            await WriteAsync(b, grain, intruder);
        }
        catch (InconsistentStateException)
        {
        }

        Assert.Equal(1, (await ReadAsync(a, grain)).State.Value);
        Assert.Equal(inA.ETag, (await ReadAsync(a, grain)).ETag);
    }
}
