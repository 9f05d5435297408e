namespace Actors.Runtime;

/// <summary>
/// A call failed because its grain could not be activated: constructing it, loading its state or its
/// <c>OnActivateAsync</c> threw. <see cref="Exception.InnerException"/> is the cause. Nothing of the activation is
/// left behind; the next call tries again.
/// </summary>
public sealed class ActivationFailedException(GrainId grainId, Exception cause)
    : Exception($"Activation of grain {grainId} failed: {cause.GetType().Name}: {cause.Message}", cause)
{
    /// <summary>The grain that failed to activate.</summary>
    public GrainId GrainId { get; } = grainId;
}
