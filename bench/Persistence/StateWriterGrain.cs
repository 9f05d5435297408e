using Actors.Runtime;

namespace Actors.Bench.Persistence;

public interface IStateWriterGrain : IGrainWithIntegerKey
{
    ValueTask Write(int value);
}

public sealed record BenchState
{
    public int Value { get; init; }
}

internal sealed class StateWriterGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IStateWriterGrain
{
    public async ValueTask Write(int value)
    {
        state.State = new BenchState { Value = value };
        await state.WriteStateAsync();
    }
}
