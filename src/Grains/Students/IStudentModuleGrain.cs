using Orleans.Concurrency;

namespace Actors.Grains.Students;

/// <summary>
/// One learner's courseware state (key: username, exactly as Open edX spells it): enrollments, block completions and,
/// in <c>IStudentModuleGrain.State.cs</c>, the StudentModule rows (Open edX's user-state client). Reads are served from
/// memory; every write is durable before it is acknowledged, in the <c>enrollment</c>, <c>block_completion</c> and
/// <c>student_module</c> tables. Writes that pass a <c>userAgent</c> matching the site's crawler configuration
/// (<see cref="ICrawlersConfigGrain"/>) are no-ops that still answer success, and are counted
/// (<see cref="GetWriteStatisticsAsync"/>).
/// </summary>
[Alias("actors.IStudentModuleGrain")]
public partial interface IStudentModuleGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the learner's enrollment in <paramref name="courseId"/> (unenroll: <paramref name="isActive"/>
    /// false). From a crawler (<paramref name="userAgent"/>) nothing is stored and the enrollment it would have made is returned.</summary>
    [Alias("Enroll")]
    Task<Enrollment> EnrollAsync(string courseId, string mode, bool isActive, string? userAgent = null, CancellationToken cancellationToken = default);

    /// <summary>The learner's enrollment in <paramref name="courseId"/>, or null.</summary>
    [ReadOnly]
    [Alias("GetEnrollment")]
    Task<Enrollment?> GetEnrollmentAsync(string courseId, CancellationToken cancellationToken = default);

    /// <summary>Every enrollment of the learner, active or not.</summary>
    [ReadOnly]
    [Alias("GetEnrollments")]
    Task<IReadOnlyList<Enrollment>> GetEnrollmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the completion (0..1) of one block of a course (Open edX's <c>BlockCompletion</c>); returns the
    /// learner's completion of that course afterwards. From a crawler (<paramref name="userAgent"/>) nothing is stored and
    /// the completion as it was is returned.</summary>
    [Alias("PublishCompletion")]
    Task<CourseCompletion> PublishCompletionAsync(string courseId, string usageKey, string blockType, double completion,
        string? userAgent = null, CancellationToken cancellationToken = default);

    /// <summary>The learner's block completions in <paramref name="courseId"/>.</summary>
    [ReadOnly]
    [Alias("GetCompletion")]
    Task<CourseCompletion> GetCompletionAsync(string courseId, CancellationToken cancellationToken = default);

    /// <summary>What navigation reads, in one call: the learner's enrollment in <paramref name="courseId"/> (or null) and,
    /// while it is active, their completions there.</summary>
    [ReadOnly]
    [Alias("GetCourseState")]
    Task<LearnerCourseState> GetCourseStateAsync(string courseId, CancellationToken cancellationToken = default);
}

/// <summary>An enrollment (Open edX's <c>CourseEnrollment</c>).</summary>
/// <param name="Username">The learner.</param>
/// <param name="CourseId">The course key.</param>
/// <param name="Mode">The enrollment mode: <c>audit</c>, <c>verified</c>, <c>honor</c>, <c>professional</c>, ...</param>
/// <param name="IsActive">False once the learner unenrolled.</param>
/// <param name="Created">When the learner first enrolled.</param>
[GenerateSerializer, Immutable, Alias("actors.Enrollment")]
public sealed record Enrollment(string Username, string CourseId, string Mode, bool IsActive, DateTimeOffset Created);

/// <summary>A learner's standing in one course.</summary>
/// <param name="Enrollment">The enrollment, active or not; null if the learner never enrolled.</param>
/// <param name="Completion">The learner's completions while the enrollment is active; otherwise null.</param>
[GenerateSerializer, Immutable, Alias("actors.LearnerCourseState")]
public sealed record LearnerCourseState(Enrollment? Enrollment, CourseCompletion? Completion);

/// <summary>The completion of one block.</summary>
/// <param name="BlockKey">The block's usage key.</param>
/// <param name="BlockType">The block type.</param>
/// <param name="Completion">0..1.</param>
/// <param name="Modified">When it last changed.</param>
[GenerateSerializer, Immutable, Alias("actors.BlockCompletion")]
public sealed record BlockCompletion(string BlockKey, string BlockType, double Completion, DateTimeOffset Modified);

/// <summary>A learner's completions in one course.</summary>
/// <param name="CourseId">The course key.</param>
/// <param name="Version">Changes whenever any completion of this learner in this course changes (part of the navigation ETag).</param>
/// <param name="Blocks">Completions by usage key.</param>
[GenerateSerializer, Immutable, Alias("actors.CourseCompletion")]
public sealed record CourseCompletion(string CourseId, long Version, IReadOnlyDictionary<string, BlockCompletion> Blocks);
