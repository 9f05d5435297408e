using Actors.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Activation;

/// <summary>
/// Deactivates idle activations. Every <see cref="GrainCollectionOptions.CollectionQuantum"/> it asks each activation
/// whether it has been idle past its class's collection age and is not kept alive by <c>DelayDeactivation</c>.
/// </summary>
internal sealed class ActivationCollector(ActivationTable table, TimeProvider time, IOptions<GrainCollectionOptions> options) : IDisposable
{
    private ITimer? _timer;

    public void Start()
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = time.CreateTimer(static state => ((ActivationCollector)state!).CollectIdle(force: false), this, quantum, quantum);
    }

    /// <summary>Starts deactivating every activation idle past its collection age (with <paramref name="force"/>: every
    /// activation idle right now); returns how many.</summary>
    public int CollectIdle(bool force)
    {
        var now = time.GetTimestamp();
        var collected = 0;
        foreach (var activation in table.All)
        {
            if (activation.TryCollectIfIdle(now, force))
                collected++;
        }

        return collected;
    }

    public void Dispose() => _timer?.Dispose();
}
