namespace Actors.Grains.Students.State;

/// <summary>One acknowledged-when-durable write (a set, set_many or delete call) waiting in a learner's batch. Its
/// changes are applied, in order, at flush time onto the last durable state, so a failed earlier batch never leaks
/// into it. A <see cref="Condition"/>, checked at the same moment, can make the whole write a no-op.</summary>
internal sealed class StateWrite(DateTimeOffset at, IReadOnlyList<StateChange> changes, StateCondition? condition = null)
{
    /// <summary>When the write was made: the <c>modified</c> of the rows it changes.</summary>
    public DateTimeOffset At { get; } = at;

    public IReadOnlyList<StateChange> Changes { get; } = changes;

    /// <summary>When set, the write changes nothing if <see cref="StateCondition.Key"/>'s row was modified after
    /// <see cref="StateCondition.NotModifiedAfter"/> (mobile's <c>modification_date</c>).</summary>
    public StateCondition? Condition { get; } = condition;

    /// <summary>Every learning context the write reads or changes.</summary>
    public IEnumerable<string> ContextKeys =>
        Changes.Select(c => c.Key.ContextKey).Concat(Condition is null ? [] : [Condition.Key.ContextKey]);

    /// <summary>Completes when the write's batch is durable, or fails with the batch.</summary>
    public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A write applies only while <paramref name="Key"/>'s row was last modified at or before
/// <paramref name="NotModifiedAfter"/> (or has no row).</summary>
/// <param name="Key">The block whose row is checked.</param>
/// <param name="NotModifiedAfter">The latest modification the write may follow.</param>
internal sealed record StateCondition(StateBlockKey Key, DateTimeOffset NotModifiedAfter);
