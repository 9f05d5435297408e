namespace Actors.Bench.Persistence;

[Alias("bench.IStateWriterGrain")]
public interface IStateWriterGrain : IGrainWithIntegerKey
{
    [Alias("Write")]
    ValueTask Write(int value);
}

/// <summary>The state written: a small JSON object, as the product's grain states are serialized (System.Text.Json).</summary>
[GenerateSerializer, Alias("bench.BenchState")]
public sealed record BenchState
{
    [Id(0)]
    public int Value { get; init; }
}

/// <summary>Writes its state to the default grain storage (the product's ADO.NET wiring) on every call.</summary>
internal sealed class StateWriterGrain([PersistentState("bench.state")] IPersistentState<BenchState> state) : Grain, IStateWriterGrain
{
    public async ValueTask Write(int value)
    {
        state.State = new BenchState { Value = value };
        await state.WriteStateAsync();
    }
}
