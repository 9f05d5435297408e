using System.Text.Json.Serialization;

namespace Actors.Api.Mobile;

/// <summary>The v4 answer of <c>GET /api/mobile/v4/users/{username}/course_enrollments/</c>, in Open edX's shape.</summary>
/// <param name="Configs">Open edX's <c>MobileConfig</c> values (<see cref="MobileOptions.Configs"/>): always an
/// <c>iap_configs</c> object, plus the other names.</param>
/// <param name="UserTimezone">The learner's time zone; always <c>UTC</c> here (no user preferences are kept).</param>
/// <param name="Enrollments">One page of the active enrollments, newest first, without <paramref name="Primary"/>.</param>
/// <param name="Primary">The newest active enrollment, taken out of the list; absent when there is none.</param>
public sealed record MobileEnrollmentsResponse(
    [property: JsonPropertyName("configs")] IReadOnlyDictionary<string, object> Configs,
    [property: JsonPropertyName("user_timezone")] string UserTimezone,
    [property: JsonPropertyName("enrollments")] MobileEnrollmentsPage Enrollments,
    [property: JsonPropertyName("primary"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MobileEnrollment? Primary);

/// <summary>A page in edx-drf-extensions' <c>DefaultPagination</c> shape.</summary>
/// <param name="Next">The next page's URL, or null on the last.</param>
/// <param name="Previous">The previous page's URL (without <c>page</c> for page 1), or null on the first.</param>
/// <param name="Count">Enrollments over all pages.</param>
/// <param name="NumPages">Pages (1 when there are no enrollments).</param>
/// <param name="CurrentPage">This page's number.</param>
/// <param name="Start">The index of this page's first enrollment: (page − 1) × page size.</param>
/// <param name="Results">This page's enrollments.</param>
public sealed record MobileEnrollmentsPage(
    [property: JsonPropertyName("next")] string? Next,
    [property: JsonPropertyName("previous")] string? Previous,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("num_pages")] int NumPages,
    [property: JsonPropertyName("current_page")] int CurrentPage,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("results")] IReadOnlyList<MobileEnrollment> Results);

/// <summary>One enrollment (Open edX's <c>CourseEnrollmentSerializer</c>, the fields served here; docs/mobile.md lists
/// the others).</summary>
/// <param name="Created">When the learner first enrolled.</param>
/// <param name="Mode">The enrollment mode.</param>
/// <param name="IsActive">Always true in this list.</param>
/// <param name="Course">The course, from its overview.</param>
public sealed record MobileEnrollment(
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("course")] MobileCourse Course);

/// <summary>The <c>course</c> of an enrollment (Open edX's <c>CourseOverviewField</c>, the fields served here).</summary>
/// <param name="Id">The course key.</param>
/// <param name="Name">The display name.</param>
/// <param name="Number">The course number: the key's course part.</param>
/// <param name="Org">The organization.</param>
/// <param name="Start">The start; Open edX's default start (2030-01-01) when the course sets none.</param>
/// <param name="StartDisplay">The advertised start, else the start as "Jan. 1, 2026", else (default start) null.</param>
/// <param name="StartType"><c>string</c> (advertised start), <c>timestamp</c> or <c>empty</c> (default start).</param>
/// <param name="End">The end, or null.</param>
/// <param name="SubscriptionId">Open edX's <c>clean_id('_')</c>: <c>course_</c> + base32 of the key, padding as <c>_</c>.</param>
/// <param name="Media">The course image again, in the Course API's shape.</param>
/// <param name="CourseImage">The course image's path on the LMS (<c>/asset-v1:…</c>), an absolute URL, or empty.</param>
/// <param name="CourseAbout">The about link (<see cref="Lms.CourseAboutLink"/>).</param>
/// <param name="CourseSharingUtmParameters">The query strings the apps add to shared links.</param>
/// <param name="CourseUpdates">The LMS's mobile course-updates URL for the course.</param>
/// <param name="CourseHandouts">The LMS's mobile course-handouts URL for the course.</param>
/// <param name="VideoOutline">Always null, as in Open edX (its API was removed).</param>
/// <param name="IsSelfPaced">Whether the course is self-paced.</param>
public sealed record MobileCourse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("org")] string Org,
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("start_display")] string? StartDisplay,
    [property: JsonPropertyName("start_type")] string StartType,
    [property: JsonPropertyName("end")] DateTimeOffset? End,
    [property: JsonPropertyName("subscription_id")] string SubscriptionId,
    [property: JsonPropertyName("media")] CourseMedia Media,
    [property: JsonPropertyName("course_image")] string CourseImage,
    [property: JsonPropertyName("course_about")] string CourseAbout,
    [property: JsonPropertyName("course_sharing_utm_parameters")] CourseSharingUtmParameters CourseSharingUtmParameters,
    [property: JsonPropertyName("course_updates")] string CourseUpdates,
    [property: JsonPropertyName("course_handouts")] string CourseHandouts,
    [property: JsonPropertyName("video_outline")] string? VideoOutline,
    [property: JsonPropertyName("is_self_paced")] bool IsSelfPaced);

/// <summary><c>{"course_image": {"uri": …, "name": "Course Image"}}</c>.</summary>
/// <param name="CourseImage">The image.</param>
public sealed record CourseMedia([property: JsonPropertyName("course_image")] CourseMediaImage CourseImage);

/// <summary>The course image in the Course API's shape.</summary>
/// <param name="Uri">As <see cref="MobileCourse.CourseImage"/>.</param>
/// <param name="Name">Always "Course Image".</param>
public sealed record CourseMediaImage([property: JsonPropertyName("uri")] string Uri, [property: JsonPropertyName("name")] string Name);

/// <summary>Open edX's <c>get_encoded_course_sharing_utm_params()</c>: per network, the form-encoded UTM parameters the
/// apps append to a shared about link.</summary>
/// <param name="Facebook">For Facebook.</param>
/// <param name="Twitter">For Twitter.</param>
public sealed record CourseSharingUtmParameters(
    [property: JsonPropertyName("facebook")] string Facebook,
    [property: JsonPropertyName("twitter")] string Twitter)
{
    /// <summary>Open edX's values (<c>COURSE_SHARING_UTM_PARAMETERS</c>), the same for every course.</summary>
    public static readonly CourseSharingUtmParameters OpenEdx = new(
        "utm_medium=social&utm_campaign=social-sharing-db&utm_source=facebook",
        "utm_medium=social&utm_campaign=social-sharing-db&utm_source=twitter");
}
