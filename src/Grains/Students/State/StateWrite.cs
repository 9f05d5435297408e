namespace Actors.Grains.Students.State;

/// <summary>One acknowledged-when-durable write (a set, set_many or delete call) waiting in a learner's batch. Its
/// changes are applied, in order, at flush time onto the last durable state, so a failed earlier batch never leaks
/// into it.</summary>
internal sealed class StateWrite(DateTimeOffset at, IReadOnlyList<StateChange> changes)
{
    /// <summary>When the write was made: the <c>modified</c> of the rows it changes.</summary>
    public DateTimeOffset At { get; } = at;

    public IReadOnlyList<StateChange> Changes { get; } = changes;

    /// <summary>Completes when the write's batch is durable, or fails with the batch.</summary>
    public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
