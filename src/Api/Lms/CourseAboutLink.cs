using Actors.Grains.Courses;
using Microsoft.Extensions.Options;

namespace Actors.Api.Lms;

/// <summary>
/// The one place that computes a course's about link (Open edX's <c>get_link_for_about_page(course_overview)</c>,
/// <c>shared/openedx.md</c> §c.2), from the stored overview alone, so no request waits on the Catalog service:
/// <list type="number">
/// <item>the course's <c>social_sharing_url</c>, when <see cref="FeaturesOptions.EnableCustomCourseUrls"/> is on and it
/// is set;</item>
/// <item>else its <c>marketing_url</c>, when <see cref="FeaturesOptions.EnableMarketingSite"/> is on and it is set;</item>
/// <item>else <c>{Lms:RootUrl}/courses/{course_id}/about</c>.</item>
/// </list>
/// </summary>
public sealed class CourseAboutLink(IOptions<FeaturesOptions> features, IOptions<LmsOptions> lms)
{
    /// <summary>The about link of the course <paramref name="overview"/> describes.</summary>
    public string For(CourseOverview overview) =>
        Choose(overview.Id, overview.SocialSharingUrl, overview.MarketingUrl, features.Value, lms.Value.Root);

    /// <summary>The rule itself: <paramref name="lmsRoot"/> is the LMS root URL without a trailing slash.</summary>
    public static string Choose(string courseId, string? socialSharingUrl, string? marketingUrl, FeaturesOptions features, string lmsRoot)
    {
        if (features.EnableCustomCourseUrls && !string.IsNullOrEmpty(socialSharingUrl))
            return socialSharingUrl;
        if (features.EnableMarketingSite && !string.IsNullOrEmpty(marketingUrl))
            return marketingUrl;
        return $"{lmsRoot}/courses/{courseId}/about";
    }
}
