using System.Collections.Immutable;
using Actors.Grains.Storage;
using Actors.Grains.Students.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Students;

/// <summary>
/// One learner's enrollments, block completions and courseware state, served from memory and written through
/// <see cref="IStudentStore"/>. The courseware state and its group commit are in <c>StudentModuleGrain.State.cs</c> and
/// <c>StudentModuleGrain.GroupCommit.cs</c>; crawler writes in <c>StudentModuleGrain.Crawlers.cs</c>.
/// Enrollments load on activation; a course's completions load on first use. Every write goes to the store first
/// and is applied to memory only once it is durable, so a failed write leaves memory as it was. Because a failed
/// write's outcome may be unknown (a dropped commit), what it touched is re-read from the store on next use.
/// <para>Completion versions: a course's <see cref="CourseCompletion.Version"/> is the largest <c>modified</c> (UTC ticks)
/// of the learner's rows in that course, and each write's <c>modified</c> is max(now, that version + 1 µs), truncated to
/// whole microseconds (the stores' precision). So the version changes with every change, survives restarts, and never
/// comes back for different content. Re-publishing the value a block already has writes nothing (as Open edX).</para>
/// </summary>
internal sealed partial class StudentModuleGrain(
    IStudentStore store, StudentStateCommitter committer, TimeProvider time, IOptions<StudentStateOptions> stateOptions,
    CrawlerPolicy crawlers, ILogger<StudentModuleGrain> logger)
    : Grain, IStudentModuleGrain
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    // Loads are shared by the requests that need them (read-only requests interleave) and are not cancelled by any one
    // caller; a faulted load, or null after a failed write, is retried on next use.
    private Task<ImmutableDictionary<string, Enrollment>>? _enrollments;
    private readonly Dictionary<string, Task<CourseCompletion>> _courses = new(StringComparer.Ordinal);

    private string Username => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => EnrollmentsAsync(cancellationToken);

    public async Task<Enrollment> EnrollAsync(string courseId, string mode, bool isActive, string? userAgent, CancellationToken cancellationToken)
    {
        StudentModuleArguments.Key(courseId, nameof(courseId));
        StudentModuleArguments.Mode(mode, nameof(mode));
        var enrollments = await EnrollmentsAsync(cancellationToken);
        var existing = enrollments.GetValueOrDefault(courseId);
        if (existing is not null && existing.Mode == mode && existing.IsActive == isActive)
            return existing;

        var now = Now();
        if (await IsCrawlerAsync(userAgent, "enrollment"))
            return new Enrollment(Username, courseId, mode, isActive, existing?.Created ?? now);
        Enrollment stored;
        try
        {
            stored = await store.UpsertEnrollmentAsync(new Enrollment(Username, courseId, mode, isActive, existing?.Created ?? now), now, cancellationToken);
        }
        catch (Exception exception)
        {
            _enrollments = null;
            LogWriteFailed(exception, Username, $"enrollment in {courseId}");
            throw;
        }

        _enrollments = Task.FromResult(enrollments.SetItem(courseId, stored));
        return stored;
    }

    public async Task<Enrollment?> GetEnrollmentAsync(string courseId, CancellationToken cancellationToken)
    {
        StudentModuleArguments.Key(courseId, nameof(courseId));
        return (await EnrollmentsAsync(cancellationToken)).GetValueOrDefault(courseId);
    }

    /// <summary>Newest first (as Open edX's enrollment lists), then by course key.</summary>
    public async Task<IReadOnlyList<Enrollment>> GetEnrollmentsAsync(CancellationToken cancellationToken) =>
        (await EnrollmentsAsync(cancellationToken)).Values
            .OrderByDescending(e => e.Created)
            .ThenBy(e => e.CourseId, StringComparer.Ordinal)
            .ToList();

    public async Task<CourseCompletion> PublishCompletionAsync(string courseId, string usageKey, string blockType, double completion,
        string? userAgent, CancellationToken cancellationToken)
    {
        StudentModuleArguments.Key(courseId, nameof(courseId));
        StudentModuleArguments.Key(usageKey, nameof(usageKey));
        StudentModuleArguments.Key(blockType, nameof(blockType), StudentModuleLimits.MaxBlockTypeLength);
        StudentModuleArguments.Completion(completion, nameof(completion));
        var course = await CourseAsync(courseId, cancellationToken);
        if (course.Blocks.TryGetValue(usageKey, out var existing) && existing.Completion.Equals(completion) && existing.BlockType == blockType)
            return course;
        if (await IsCrawlerAsync(userAgent, "completion"))
            return course;

        var block = new BlockCompletion(usageKey, blockType, completion, NextModified(course.Version));
        try
        {
            await store.UpsertCompletionAsync(Username, courseId, block, cancellationToken);
        }
        catch (Exception exception)
        {
            _courses.Remove(courseId);
            LogWriteFailed(exception, Username, $"completion of {usageKey}");
            throw;
        }

        var updated = new CourseCompletion(courseId, block.Modified.UtcTicks, Blocks(course).SetItem(usageKey, block));
        _courses[courseId] = Task.FromResult(updated);
        return updated;
    }

    public Task<CourseCompletion> GetCompletionAsync(string courseId, CancellationToken cancellationToken)
    {
        StudentModuleArguments.Key(courseId, nameof(courseId));
        return CourseAsync(courseId, cancellationToken);
    }

    public async Task<LearnerCourseState> GetCourseStateAsync(string courseId, CancellationToken cancellationToken)
    {
        StudentModuleArguments.Key(courseId, nameof(courseId));
        var enrollment = (await EnrollmentsAsync(cancellationToken)).GetValueOrDefault(courseId);
        return new LearnerCourseState(enrollment, enrollment is { IsActive: true } ? await CourseAsync(courseId, cancellationToken) : null);
    }

    private Task<ImmutableDictionary<string, Enrollment>> EnrollmentsAsync(CancellationToken cancellationToken)
    {
        if (_enrollments is null || _enrollments.IsFaulted || _enrollments.IsCanceled)
            _enrollments = LoadEnrollmentsAsync();
        return _enrollments.WaitAsync(cancellationToken);
    }

    private async Task<ImmutableDictionary<string, Enrollment>> LoadEnrollmentsAsync()
    {
        var rows = await store.LoadEnrollmentsAsync(Username, CancellationToken.None);
        return rows.ToImmutableDictionary(e => e.CourseId, StringComparer.Ordinal);
    }

    private Task<CourseCompletion> CourseAsync(string courseId, CancellationToken cancellationToken)
    {
        if (!_courses.TryGetValue(courseId, out var course) || course.IsFaulted || course.IsCanceled)
            _courses[courseId] = course = LoadCourseAsync(courseId);
        return course.WaitAsync(cancellationToken);
    }

    private async Task<CourseCompletion> LoadCourseAsync(string courseId)
    {
        var rows = await store.LoadCompletionsAsync(Username, courseId, CancellationToken.None);
        var version = rows.Count == 0 ? 0 : rows.Max(row => row.Modified.UtcTicks);
        return new CourseCompletion(courseId, version, rows.ToImmutableDictionary(row => row.BlockKey, StringComparer.Ordinal));
    }

    private static ImmutableDictionary<string, BlockCompletion> Blocks(CourseCompletion course) =>
        (ImmutableDictionary<string, BlockCompletion>)course.Blocks;

    /// <summary>The <c>modified</c> of the next write to a course whose version is <paramref name="version"/>.</summary>
    private DateTimeOffset NextModified(long version) => new(Math.Max(Now().UtcTicks, version + TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>Now, in UTC, truncated to whole microseconds.</summary>
    private DateTimeOffset Now()
    {
        var ticks = time.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - ticks % TicksPerMicrosecond, TimeSpan.Zero);
    }

    [LoggerMessage(StudentEventIds.WriteFailed, LogLevel.Warning,
        "Learner {Username}: writing the {What} failed; memory is unchanged and is re-read from the store on next use")]
    private partial void LogWriteFailed(Exception exception, string username, string what);
}
