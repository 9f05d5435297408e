namespace Actors.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Activation failed (<c>OnActivateAsync</c> or state loading threw).</summary>
    ActivationFailed,

    /// <summary>The activation was idle longer than its collection age.</summary>
    ActivationIdle,

    /// <summary>A grain method let an exception escape that invalidates the activation, such as
    /// <see cref="InconsistentStateException"/>.</summary>
    ApplicationError,

    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    ApplicationRequested,

    /// <summary>The runtime asked for it (for example through the management interface).</summary>
    RuntimeRequested,
}

/// <summary>The reason passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
/// <param name="Code">The reason code.</param>
/// <param name="Description">A sentence for the log.</param>
/// <param name="Exception">The exception that caused it, if any.</param>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description, Exception? Exception = null)
{
    /// <inheritdoc />
    public override string ToString() => Exception is null ? $"{Code}: {Description}" : $"{Code}: {Description} ({Exception.GetType().Name}: {Exception.Message})";
}
