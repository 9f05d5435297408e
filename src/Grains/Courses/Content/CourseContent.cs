using System.Text.Json.Serialization;

namespace Actors.Grains.Courses.Content;

/// <summary>
/// What a publish delivers: the course as a flat list of blocks (the JSON body of
/// <c>POST /api/courses/v1/{course_key}/publish</c>, or the result of importing an OLX export). Exactly one block has
/// type <c>course</c>: the root. Blocks refer to their children by usage key. See <c>docs/publishing.md</c>.
/// </summary>
/// <param name="Blocks">Every block of the course, in any order.</param>
[GenerateSerializer, Immutable, Alias("actors.CourseContent")]
public sealed record CourseContent([property: JsonPropertyName("blocks")] IReadOnlyList<ContentBlock> Blocks);

/// <summary>One published block. Fields a block type does not use are omitted (null).</summary>
/// <param name="Id">The usage key, <c>block-v1:Org+Course+Run+type@T+block@B</c>, of this course.</param>
/// <param name="Type">The block type: <c>course</c>, <c>chapter</c>, <c>sequential</c>, <c>vertical</c>, or a component (<c>problem</c>, <c>html</c>, <c>video</c>, ...).</param>
/// <param name="DisplayName">The title shown to learners.</param>
/// <param name="Children">Usage keys of the children, in order.</param>
/// <param name="Start">When learners may see the block (inherited: a block is hidden until it and every ancestor have started).</param>
/// <param name="Due">When it is due (inherited by descendants that set none).</param>
/// <param name="Graded">Whether it counts toward the grade (on sequentials).</param>
/// <param name="Format">The assignment type, e.g. "Homework" (on sequentials; shown as <c>description</c>).</param>
/// <param name="VisibleToStaffOnly">Hidden from learners (inherited).</param>
/// <param name="HideFromToc">Hidden from the table of contents (this block only).</param>
/// <param name="Weight">A scored block's points as shown (Open edX's <c>weight</c>): its raw points are scaled to it.
/// 0 makes the block count nowhere.</param>
/// <param name="Data">A problem's OLX (<c>&lt;problem&gt;...&lt;/problem&gt;</c>) or an ORA's
/// (<c>&lt;openassessment&gt;...&lt;/openassessment&gt;</c>), from which its max score is computed.</param>
/// <param name="Course">Course-level settings, on the root block only.</param>
/// <param name="HasScore">Whether a block whose type does not always have a score has one (Open edX's <c>has_score</c>
/// field: LTI blocks, unknown XBlocks). See <c>ScoredBlocks</c>.</param>
/// <param name="Points">A scored block's raw points possible, overriding what its type gives (<c>edx_sga</c>'s
/// <c>points</c>, for one).</param>
[GenerateSerializer, Immutable, Alias("actors.ContentBlock")]
public sealed record ContentBlock(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("children")] IReadOnlyList<string>? Children = null,
    [property: JsonPropertyName("start")] DateTimeOffset? Start = null,
    [property: JsonPropertyName("due")] DateTimeOffset? Due = null,
    [property: JsonPropertyName("graded")] bool? Graded = null,
    [property: JsonPropertyName("format")] string? Format = null,
    [property: JsonPropertyName("visible_to_staff_only")] bool? VisibleToStaffOnly = null,
    [property: JsonPropertyName("hide_from_toc")] bool? HideFromToc = null,
    [property: JsonPropertyName("weight")] double? Weight = null,
    [property: JsonPropertyName("data")] string? Data = null,
    [property: JsonPropertyName("course")] CourseSettings? Course = null,
    [property: JsonPropertyName("has_score")] bool? HasScore = null,
    [property: JsonPropertyName("points")] double? Points = null);

/// <summary>Course-level settings carried by the root block; they become the course overview.</summary>
/// <param name="End">When the course ends.</param>
/// <param name="EnrollmentStart">When enrollment opens.</param>
/// <param name="EnrollmentEnd">When enrollment closes.</param>
/// <param name="CourseImage">The course card image (a file name or URL).</param>
/// <param name="BannerImage">The banner image.</param>
/// <param name="SocialSharingUrl">A custom course URL for sharing.</param>
/// <param name="Language">The content language, e.g. "en".</param>
/// <param name="SelfPaced">Whether the course is self-paced.</param>
/// <param name="ShortDescription">A one-paragraph description.</param>
/// <param name="Effort">Expected effort, as Studio shows it (e.g. "4:00").</param>
/// <param name="CourseVisibility"><c>private</c> (default), <c>public_outline</c> or <c>public</c>: with <c>public</c> or
/// <c>public_outline</c>, users who are not enrolled see the navigation too.</param>
/// <param name="AdvertisedStart">A start shown instead of the start date, as free text (Studio's "Course Advertised Start
/// Date", e.g. "Spring 2027"); the mobile API then reports <c>start_type</c> <c>string</c>.</param>
[GenerateSerializer, Immutable, Alias("actors.CourseSettings")]
public sealed record CourseSettings(
    [property: JsonPropertyName("end")] DateTimeOffset? End = null,
    [property: JsonPropertyName("enrollment_start")] DateTimeOffset? EnrollmentStart = null,
    [property: JsonPropertyName("enrollment_end")] DateTimeOffset? EnrollmentEnd = null,
    [property: JsonPropertyName("course_image")] string? CourseImage = null,
    [property: JsonPropertyName("banner_image")] string? BannerImage = null,
    [property: JsonPropertyName("social_sharing_url")] string? SocialSharingUrl = null,
    [property: JsonPropertyName("language")] string? Language = null,
    [property: JsonPropertyName("self_paced")] bool? SelfPaced = null,
    [property: JsonPropertyName("short_description")] string? ShortDescription = null,
    [property: JsonPropertyName("effort")] string? Effort = null,
    [property: JsonPropertyName("course_visibility")] string? CourseVisibility = null,
    [property: JsonPropertyName("advertised_start")] string? AdvertisedStart = null);
