namespace Actors.Grains.Courses;

/// <summary>Course publishing and rebuilds. Section <c>Actors:Courses</c>.</summary>
public sealed class CourseOptions
{
    /// <summary>How long a reader of a course that has no collected structure yet waits for the rebuild before getting
    /// 503 with Retry-After. Default 10 s.</summary>
    public TimeSpan ColdReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a rebuild waits for publishes to stop before collecting, so a burst of publishes is collected
    /// once, for its last version. Default 25 ms (it adds to the time until readers see a publish).</summary>
    public TimeSpan RebuildSettleTime { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>The longest a rebuild waits for publishes to stop, so a steady stream of publishes still gets collected.
    /// Default 1 s.</summary>
    public TimeSpan MaxRebuildSettleTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait before retrying a failed rebuild; doubles up to <see cref="MaxRebuildRetryDelay"/>. Default 1 s.</summary>
    public TimeSpan RebuildRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between rebuild retries. Default 5 min.</summary>
    public TimeSpan MaxRebuildRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most blocks a course may have. Default 20,000.</summary>
    public int MaxBlocks { get; set; } = 20_000;

    /// <summary>Deepest nesting below the course block. Default 20.</summary>
    public int MaxDepth { get; set; } = 20;

    /// <summary>Longest display name, in characters. Default 1,000.</summary>
    public int MaxDisplayNameLength { get; set; } = 1_000;

    /// <summary>Largest problem OLX, in characters. Default 1,000,000.</summary>
    public int MaxProblemLength { get; set; } = 1_000_000;
}
