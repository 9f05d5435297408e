using System.Collections.Concurrent;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

/// <summary>
/// The activations living on this silo, by grain id. A lookup that finds none creates one; when two callers race,
/// one activation wins the slot and the loser is discarded before it ever starts, so a grain has at most one
/// activation per silo.
/// </summary>
internal sealed class ActivationTable(GrainClassRegistry registry, ActivationServices services)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<Activation> All => _activations.Values;

    /// <summary>Puts <paramref name="request"/> in the mailbox of the grain's activation, creating it if needed.
    /// <paramref name="mayStartOnCaller"/>: see <see cref="Activation.TryEnqueue"/>.</summary>
    public void Dispatch(GrainId grainId, GrainRequest request, bool mayStartOnCaller = false)
    {
        while (true)
        {
            if (_activations.TryGetValue(grainId, out var activation))
            {
                if (activation.TryEnqueue(request, mayStartOnCaller))
                    return;
                // It deactivated between lookup and enqueue; it has left (or is leaving) the table.
                _activations.TryRemove(new KeyValuePair<GrainId, Activation>(grainId, activation));
                continue;
            }

            if (!registry.TryGet(grainId.Type, out var classInfo))
            {
                throw new InvalidOperationException(
                    $"No grain class with grain type '{grainId.Type}' is registered on this silo (grain {grainId}).");
            }

            var created = new Activation(grainId, classInfo, services, this);
            if (_activations.TryAdd(grainId, created))
            {
                created.Start(request);
                return;
            }
        }
    }

    public bool TryGet(GrainId grainId, out Activation activation) => _activations.TryGetValue(grainId, out activation!);

    /// <summary>Removes <paramref name="activation"/> if it is still the one registered for its grain.</summary>
    public void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));
}
