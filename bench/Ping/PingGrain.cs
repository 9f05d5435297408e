using Actors.Runtime;

namespace Actors.Bench.Ping;

public interface IPingGrain : IGrainWithIntegerKey
{
    ValueTask Ping();
}

internal sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask Ping() => default;
}
