using Actors.Grains.Courses.Content;

namespace Actors.Grains.Courses;

/// <summary>
/// A course's overview (Open edX's <c>CourseOverview</c>): what catalogs and dashboards show without loading the course.
/// A publish updates it in place from the course block and never touches <see cref="MarketingUrl"/> (set by the catalog
/// sync) or <see cref="EligibleForFinancialAid"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("actors.CourseOverview")]
public sealed record CourseOverview(
    string Id,
    string DisplayName,
    string Org,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    DateTimeOffset? EnrollmentStart,
    DateTimeOffset? EnrollmentEnd,
    string? CourseImageUrl,
    string? BannerImageUrl,
    string? SocialSharingUrl,
    string? MarketingUrl,
    string? Language,
    bool SelfPaced,
    string? ShortDescription,
    string? Effort,
    string CourseVisibility,
    bool EligibleForFinancialAid,
    long PublishedVersion,
    DateTimeOffset Modified,
    string? AdvertisedStart = null)
{
    /// <summary>The overview after publishing <paramref name="root"/> as <paramref name="version"/>, keeping the synced
    /// fields of <paramref name="existing"/>.</summary>
    public static CourseOverview FromPublish(string courseKey, string org, ContentBlock root, long version, DateTimeOffset now, CourseOverview? existing)
    {
        var course = root.Course ?? new CourseSettings();
        return new CourseOverview(
            courseKey,
            root.DisplayName ?? courseKey,
            org,
            root.Start,
            course.End,
            course.EnrollmentStart,
            course.EnrollmentEnd,
            course.CourseImage,
            course.BannerImage,
            course.SocialSharingUrl,
            existing?.MarketingUrl,
            course.Language ?? existing?.Language,
            course.SelfPaced ?? false,
            course.ShortDescription,
            course.Effort,
            course.CourseVisibility ?? "private",
            existing?.EligibleForFinancialAid ?? true,
            version,
            now,
            course.AdvertisedStart);
    }
}
