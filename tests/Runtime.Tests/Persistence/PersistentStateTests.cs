using Actors.Runtime.Persistence;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Persistence;

public sealed class PersistentStateTests
{
    private sealed class StoredCounter : IGrainState<CounterState>
    {
        public CounterState State { get; set; } = new();
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    [Fact]
    public async Task State_IsLoadedBeforeTheFirstCall_AndSurvivesDeactivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ICounterGrain>(probe.Id);
        await grain.Increment();
        await grain.Increment();

        silo.ActivationOf(grain).Deactivate(new DeactivationReason(DeactivationReasonCode.RuntimeRequested, "test"));
        await silo.ActivationOf(grain).WhenDeactivated();

        Assert.Equal(2, await grain.Get());
    }

    [Fact]
    public async Task StaleEtag_FailsTheCall_DeactivatesTheGrain_AndTheNextCallRereadsState()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ICounterGrain>(probe.Id);
        Assert.Equal(1, await grain.Increment());
        var activation = silo.ActivationOf(grain);

        // Another writer (a duplicate activation elsewhere, say) stores 41 behind this activation's back.
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(PersistentStateAttribute.DefaultStorage);
        var other = new StoredCounter();
        await storage.ReadStateAsync("counter", ((GrainReference)grain).GrainId, other, CancellationToken.None);
        other.State = new CounterState { Value = 41 };
        await storage.WriteStateAsync("counter", ((GrainReference)grain).GrainId, other, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment());
        await activation.WhenDeactivated();
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("deactivate ApplicationError");

        Assert.Equal(42, await grain.Increment());
    }

    [Fact]
    public async Task TwoGrainTypes_WithTheSameKeyAndStateName_DoNotShareState()
    {
        var storage = new MemoryGrainStorage();
        var first = new StoredCounter { State = new CounterState { Value = 1 } };
        var second = new StoredCounter();

        await storage.WriteStateAsync("state", new GrainId(new GrainType("a"), "k"), first, CancellationToken.None);
        await storage.ReadStateAsync("state", new GrainId(new GrainType("b"), "k"), second, CancellationToken.None);

        Assert.False(second.RecordExists);
        Assert.Null(second.ETag);
    }

    [Fact]
    public async Task Clear_WithCurrentEtag_RemovesState_AndAStaleHolderCannotWriteAfterwards()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId(new GrainType("counter"), "k");
        var holder = new StoredCounter { State = new CounterState { Value = 5 } };
        await storage.WriteStateAsync("s", id, holder, CancellationToken.None);
        var stale = new StoredCounter();
        await storage.ReadStateAsync("s", id, stale, CancellationToken.None);

        await storage.ClearStateAsync("s", id, holder, CancellationToken.None);

        Assert.False(holder.RecordExists);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", id, stale, CancellationToken.None));
        var reader = new StoredCounter();
        await storage.ReadStateAsync("s", id, reader, CancellationToken.None);
        Assert.False(reader.RecordExists);
        await storage.WriteStateAsync("s", id, holder, CancellationToken.None);
    }

    [Fact]
    public async Task TwoWritersFromTheSameEtag_ExactlyOneWins()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId(new GrainType("counter"), "race");
        var writers = Enumerable.Range(0, 8).Select(i => new StoredCounter { State = new CounterState { Value = i } }).ToList();

        var outcomes = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            try
            {
                await storage.WriteStateAsync("s", id, writer, CancellationToken.None);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
    }
}
