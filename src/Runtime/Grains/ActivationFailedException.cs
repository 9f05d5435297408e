namespace Actors.Runtime;

/// <summary>
/// A call failed because its grain could not be activated: constructing it, loading its state or its
/// <c>OnActivateAsync</c> threw. <see cref="Exception.InnerException"/> is the cause. Nothing of the activation is
/// left behind; the next call tries again.
/// </summary>
public sealed class ActivationFailedException : Exception
{
    /// <summary>Activation of <paramref name="grainId"/> failed because of <paramref name="cause"/>.</summary>
    public ActivationFailedException(GrainId grainId, Exception cause)
        : base($"Activation of grain {grainId} failed: {cause.GetType().Name}: {cause.Message}", cause) => GrainId = grainId;

    /// <summary>Activation of <paramref name="grainId"/> failed, as described by <paramref name="message"/> (how the
    /// failure of a grain in another process arrives; the cause stays in that silo's log).</summary>
    public ActivationFailedException(GrainId grainId, string message)
        : base(message) => GrainId = grainId;

    /// <summary>The grain that failed to activate.</summary>
    public GrainId GrainId { get; }
}
