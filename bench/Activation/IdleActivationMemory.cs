using Actors.Runtime;
using Actors.Runtime.Activation;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench.Activation;

public interface IEmptyGrain : IGrainWithIntegerKey
{
    ValueTask Touch();
}

internal sealed class EmptyGrain : Grain, IEmptyGrain
{
    public ValueTask Touch() => default;
}

/// <summary>Managed memory the runtime holds per idle activation of an empty grain: heap growth after activating N grains
/// (references dropped, full GC), divided by N. Includes the activation, the grain object, its key and its table entry.</summary>
internal static class IdleActivationMemory
{
    public static async Task<double> MeasureBytesPerActivationAsync(int count)
    {
        using var host = await BenchSilo.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var table = host.Services.GetRequiredService<ActivationTable>();
        await factory.GetGrain<IEmptyGrain>(-1).Touch();
        var before = SettledHeap();

        await ActivateAsync(factory, count);
        if (table.Count < count)
            throw new InvalidOperationException($"Only {table.Count} of {count} activations are live.");
        var after = SettledHeap();
        var perActivation = (after - before) / (double)count;
        Console.WriteLine($"  {count:N0} idle activations: {perActivation:N0} bytes each");
        await host.StopAsync();
        return perActivation;
    }

    private static async Task ActivateAsync(IGrainFactory factory, int count)
    {
        const int batch = 1000;
        for (var i = 0; i < count; i += batch)
            await Task.WhenAll(Enumerable.Range(i, Math.Min(batch, count - i)).Select(k => factory.GetGrain<IEmptyGrain>(k).Touch().AsTask()));
    }

    private static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
