namespace Actors.Runtime;

/// <summary>A grain timer: volatile (dies with the activation), never overlapping itself. Dispose to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the next tick comes and the period after it.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>Options of <see cref="Grain.RegisterGrainTimer{TState}"/>.</summary>
public readonly record struct GrainTimerCreationOptions
{
    /// <summary>Time until the first tick.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Time from the end of one tick to the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>Whether ticks may interleave with requests (as <see cref="AlwaysInterleaveAttribute"/>). Default false:
    /// a tick is an ordinary turn.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a tick counts as activity that keeps the activation from idle collection. Default false.</summary>
    public bool KeepAlive { get; init; }
}
