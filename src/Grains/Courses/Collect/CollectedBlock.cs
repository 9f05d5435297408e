namespace Actors.Grains.Courses.Collect;

/// <summary>How a block takes part in completion (Open edX's XBlock <c>completion_mode</c>).</summary>
[GenerateSerializer, Alias("actors.CompletionMode")]
public enum CompletionMode
{
    /// <summary>Completed by the learner (problems, html, video, ...).</summary>
    Completable,

    /// <summary>Complete when its completable children are (course, chapter, sequential, vertical, library content).</summary>
    Aggregator,

    /// <summary>Not part of completion (discussion).</summary>
    Excluded,
}

/// <summary>
/// Everything navigation and progress need about one block, computed once per published version by collect.
/// Inherited values are already merged: <see cref="Start"/> is the latest start on the path from the root,
/// <see cref="VisibleToStaffOnly"/> is true if any ancestor is staff-only, <see cref="Due"/> falls back to the nearest
/// ancestor's.
/// </summary>
/// <param name="Id">Usage key.</param>
/// <param name="Type">Block type.</param>
/// <param name="DisplayName">Display name; for a graded sequential with scored problems, with Open edX's " (N Questions)" suffix.</param>
/// <param name="Children">Children's usage keys, in order.</param>
/// <param name="Parent">The parent's usage key (null for the root).</param>
/// <param name="Depth">0 for the course, 1 for chapters, and so on.</param>
/// <param name="Graded">Whether it is graded (a sequential's own flag, inherited by its descendants).</param>
/// <param name="Format">Assignment type (shown as <c>description</c>).</param>
/// <param name="Due">Due date, inherited.</param>
/// <param name="Start">Start date, merged.</param>
/// <param name="VisibleToStaffOnly">Staff-only, inherited.</param>
/// <param name="HideFromToc">Hidden from the table of contents.</param>
/// <param name="Icon">Navigation icon: sequentials <c>fa-pencil-square-o</c> when graded and scored; verticals
/// <c>problem</c>, <c>video</c> or <c>other</c>; otherwise null.</param>
/// <param name="CompletionMode">How it takes part in completion.</param>
/// <param name="MaxScore">A scored block's points possible as shown (weighted), what a learner who has not attempted it
/// sees (see <see cref="ScoredBlocks"/>); null for blocks without a score.</param>
/// <param name="GradedProblems">Navigation's question count: graded scored blocks at or beneath this one, LTI excluded
/// (<see cref="ScoredBlocks.IsCountedQuestion"/>).</param>
/// <param name="Weight">A scored block's <c>weight</c>, which scales a learner's raw score; null when not set.</param>
/// <param name="Name">The block's own display name, without navigation's suffix (progress shows this one).</param>
[GenerateSerializer, Immutable, Alias("actors.CollectedBlock")]
public sealed record CollectedBlock(
    string Id,
    string Type,
    string DisplayName,
    IReadOnlyList<string> Children,
    string? Parent,
    int Depth,
    bool Graded,
    string? Format,
    DateTimeOffset? Due,
    DateTimeOffset? Start,
    bool VisibleToStaffOnly,
    bool HideFromToc,
    string? Icon,
    CompletionMode CompletionMode,
    double? MaxScore,
    int GradedProblems,
    double? Weight,
    string Name)
{
    /// <summary>Whether the block has a score.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsScored => MaxScore is not null;
}
