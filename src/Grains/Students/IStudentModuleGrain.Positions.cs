using Orleans.Concurrency;

namespace Actors.Grains.Students;

/// <summary>
/// Positions: the <c>position</c> field (1-based index of the child last visited) that Open edX's course, chapter and
/// sequence blocks keep in the learner's StudentModule state (<c>shared/openedx.md</c> §d.6). They are ordinary state
/// fields, written through the same group commit as <see cref="SetStatesAsync"/>; usage keys are taken within a course,
/// so <c>i4x://</c> keys of a deprecated <c>Org/Course/Run</c> course are stored under that course.
/// </summary>
public partial interface IStudentModuleGrain
{
    /// <summary>Sets the <c>position</c> of each named block of <paramref name="courseKey"/> (usage key → 1-based
    /// position), all in one write: one transaction, durable before the call completes. A block whose position is
    /// already that value is not rewritten. With <paramref name="condition"/>, the whole write is a no-op when the
    /// condition's block was modified after its date (checked when the write's batch commits, so it sees every write
    /// before it). From a crawler (<paramref name="userAgent"/>) nothing is written.</summary>
    [AlwaysInterleave]
    [Alias("SavePositions")]
    Task SavePositionsAsync(string courseKey, IReadOnlyDictionary<string, int> positions, PositionCondition? condition = null,
        string? userAgent = null, CancellationToken cancellationToken = default);

    /// <summary>The stored <c>position</c> of each named block of <paramref name="courseKey"/> that has one (a positive
    /// integer), by usage key as named.</summary>
    [ReadOnly]
    [Alias("GetPositions")]
    Task<IReadOnlyDictionary<string, int>> GetPositionsAsync(string courseKey, IReadOnlyList<string> usageKeys,
        CancellationToken cancellationToken = default);
}

/// <summary>Makes a <see cref="IStudentModuleGrain.SavePositionsAsync"/> a no-op when <paramref name="UsageKey"/>'s state
/// was modified after <paramref name="ModificationDate"/> (Open edX's mobile <c>course_status_info</c> checks the course
/// block's <c>position</c>).</summary>
/// <param name="UsageKey">The block whose last modification is compared (in the same course).</param>
/// <param name="ModificationDate">When the client made the change.</param>
[GenerateSerializer, Immutable, Alias("actors.PositionCondition")]
public sealed record PositionCondition(string UsageKey, DateTimeOffset ModificationDate);
