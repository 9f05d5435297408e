using Microsoft.Extensions.Logging;

namespace Actors.Grains.Catalog;

/// <summary>Keeps the site's course keys in grain state <c>course-index</c> (one row; 3,200 keys are about 150 KB).</summary>
internal sealed partial class CourseIndexGrain(
    [PersistentState("course-index")] IPersistentState<CourseIndexGrain.Stored> state,
    ILogger<CourseIndexGrain> logger) : Grain, ICourseIndexGrain
{
    /// <summary>The stored form.</summary>
    [GenerateSerializer, Alias("actors.CourseIndexGrain.Stored")]
    internal sealed class Stored
    {
        [Id(0)]
        public HashSet<string> Courses { get; set; } = [];
    }

    public async Task AddAsync(string courseKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(courseKey);
        if (!state.State.Courses.Add(courseKey))
            return;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State.Courses.Remove(courseKey);
            throw;
        }

        LogChanged(this.GetPrimaryKeyString(), courseKey, "added", state.State.Courses.Count);
    }

    public async Task RemoveAsync(string courseKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(courseKey);
        if (!state.State.Courses.Remove(courseKey))
            return;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State.Courses.Add(courseKey);
            throw;
        }

        LogChanged(this.GetPrimaryKeyString(), courseKey, "removed", state.State.Courses.Count);
    }

    public Task<IReadOnlyList<string>> GetCoursesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Courses.Order(StringComparer.Ordinal)]);

    [LoggerMessage(CatalogEventIds.CourseIndexChanged, LogLevel.Debug, "Course index {Site}: {CourseKey} {Change} ({Courses} courses)")]
    private partial void LogChanged(string site, string courseKey, string change, int courses);
}
