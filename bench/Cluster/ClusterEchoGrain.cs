namespace Actors.Bench.Cluster;

/// <summary>The grain of the cluster and dashboard benchmarks: an echo, and the silo process it lives in.</summary>
[Alias("bench.IClusterEchoGrain")]
public interface IClusterEchoGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="text"/>.</summary>
    [Alias("Echo")]
    ValueTask<string> Echo(string text);

    /// <summary>The process id of the silo this activation lives in.</summary>
    [Alias("SiloProcessId")]
    ValueTask<int> SiloProcessId();
}

internal sealed class ClusterEchoGrain : Grain, IClusterEchoGrain
{
    public ValueTask<string> Echo(string text) => ValueTask.FromResult(text);

    public ValueTask<int> SiloProcessId() => ValueTask.FromResult(Environment.ProcessId);
}
