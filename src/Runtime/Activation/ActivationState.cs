namespace Actors.Runtime.Activation;

/// <summary>Where an activation is in its life. It only moves forward.</summary>
internal enum ActivationState
{
    /// <summary>Created and in the table; the grain is being constructed, its state loaded, <c>OnActivateAsync</c> run.
    /// Requests wait.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary>Finishing running requests, then <c>OnDeactivateAsync</c>. New requests wait and are then re-routed to a
    /// fresh activation.</summary>
    Deactivating,

    /// <summary>Gone from the table. Requests that still reach it are re-routed.</summary>
    Invalid,
}
