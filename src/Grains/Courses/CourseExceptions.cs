namespace Actors.Grains.Courses;

/// <summary>One problem found in published content: where (a JSON path such as <c>blocks[3].children[0]</c>, or an OLX
/// file) and what.</summary>
/// <param name="Path">Where.</param>
/// <param name="Message">What is wrong.</param>
[GenerateSerializer, Immutable, Alias("actors.ContentProblem")]
public sealed record ContentProblem(string Path, string Message);

/// <summary>The published content is invalid; nothing was stored. <see cref="Problems"/> lists the first problems found.</summary>
[GenerateSerializer, Alias("actors.CourseContentException")]
public sealed class CourseContentException(string courseKey, IReadOnlyList<ContentProblem> problems)
    : Exception($"The content published for {courseKey} is invalid: {string.Join("; ", problems.Take(5).Select(p => $"{p.Path}: {p.Message}"))}")
{
    /// <summary>The course key.</summary>
    [Id(0)]
    public string CourseKey { get; } = courseKey;

    /// <summary>The problems, first ones first.</summary>
    [Id(1)]
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}

/// <summary>The course has never been published (or was deleted).</summary>
[GenerateSerializer, Alias("actors.CourseNotFoundException")]
public sealed class CourseNotFoundException(string courseKey) : Exception($"Course {courseKey} has not been published.")
{
    /// <summary>The course key.</summary>
    [Id(0)]
    public string CourseKey { get; } = courseKey;
}

/// <summary>The course's structure is still being collected for the first time; try again after <see cref="RetryAfter"/>.</summary>
[GenerateSerializer, Alias("actors.CourseStructureNotReadyException")]
public sealed class CourseStructureNotReadyException(string courseKey, TimeSpan retryAfter)
    : Exception($"The structure of course {courseKey} is still being built; retry after {retryAfter.TotalSeconds:0} s.")
{
    /// <summary>The course key.</summary>
    [Id(0)]
    public string CourseKey { get; } = courseKey;

    /// <summary>When to try again.</summary>
    [Id(1)]
    public TimeSpan RetryAfter { get; } = retryAfter;
}
