namespace Actors.Runtime.Diagnostics;

/// <summary>
/// Adds a named section to this silo's <see cref="SiloStatistics.Details"/>, for things the runtime does not know about
/// (a grain assembly's own bookkeeping, such as course rebuilds). Register implementations as singletons; they are
/// asked on every statistics report, so keep <see cref="Collect"/> cheap.
/// </summary>
public interface ISiloDetailsContributor
{
    /// <summary>The section's name in <see cref="SiloStatistics.Details"/>.</summary>
    string Name { get; }

    /// <summary>The section's current value; it is serialised as JSON.</summary>
    object Collect();
}
