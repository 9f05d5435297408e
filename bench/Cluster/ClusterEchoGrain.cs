using Actors.Runtime;

namespace Actors.Bench.Cluster;

/// <summary>The grain of the cluster benchmarks: an echo, and questions about the silo process it lives in.</summary>
public interface IClusterEchoGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="text"/>.</summary>
    ValueTask<string> Echo(string text);

    /// <summary>The process id of the silo this activation lives in.</summary>
    ValueTask<int> SiloProcessId();

    /// <summary>How many <see cref="Echo"/> calls this silo process has served, over all its activations.</summary>
    ValueTask<long> EchoesServedBySilo();

    /// <summary>Thread-pool work items the silo process has completed so far (<see cref="ThreadPool.CompletedWorkItemCount"/>).</summary>
    ValueTask<long> SiloThreadPoolWorkItems();
}

internal sealed class ClusterEchoGrain : Grain, IClusterEchoGrain
{
    private static long s_echoesServed;

    public ValueTask<string> Echo(string text)
    {
        Interlocked.Increment(ref s_echoesServed);
        return ValueTask.FromResult(text);
    }

    public ValueTask<int> SiloProcessId() => ValueTask.FromResult(Environment.ProcessId);

    public ValueTask<long> EchoesServedBySilo() => ValueTask.FromResult(Interlocked.Read(ref s_echoesServed));

    public ValueTask<long> SiloThreadPoolWorkItems() => ValueTask.FromResult(ThreadPool.CompletedWorkItemCount);
}
