using Actors.Grains.Catalog;
using Actors.Grains.Courses.Content;

namespace Actors.Grains.Courses;

/// <summary>
/// A course's overview (Open edX's <c>CourseOverview</c>): what catalogs and dashboards show without loading the course.
/// A publish updates it in place from the course block and never touches <see cref="MarketingUrl"/> (set by the catalog
/// sync) or <see cref="EligibleForFinancialAid"/>; once the catalog has set <see cref="Language"/>
/// (<see cref="CatalogSynced"/>), a publish keeps that too, as Open edX keeps the course's language out while its catalog
/// integration is on.
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
    DateTimeOffset? CatalogSynced = null,
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
            existing?.CatalogSynced is not null ? existing.Language : course.Language ?? existing?.Language,
            course.SelfPaced ?? false,
            course.ShortDescription,
            course.Effort,
            course.CourseVisibility ?? "private",
            existing?.EligibleForFinancialAid ?? true,
            version,
            now,
            existing?.CatalogSynced,
            course.AdvertisedStart);
    }

    /// <summary>This overview with the given catalog <paramref name="values"/>, or this same instance when none of them
    /// differs (so the caller writes nothing).</summary>
    public CourseOverview WithCatalogValues(CatalogValues values, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        var marketingUrl = values.Given.HasFlag(CatalogFields.MarketingUrl) ? values.MarketingUrl : MarketingUrl;
        var eligible = values.Given.HasFlag(CatalogFields.EligibleForFinancialAid) && values.EligibleForFinancialAid is { } aid ? aid : EligibleForFinancialAid;
        var language = values.Given.HasFlag(CatalogFields.Language) ? values.Language : Language;
        if (marketingUrl == MarketingUrl && eligible == EligibleForFinancialAid && language == Language)
            return this;
        return this with { MarketingUrl = marketingUrl, EligibleForFinancialAid = eligible, Language = language, Modified = now, CatalogSynced = now };
    }
}
