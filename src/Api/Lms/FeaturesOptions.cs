namespace Actors.Api.Lms;

/// <summary>The LMS feature switches that decide which URL a course's about link is. Section <c>Features</c>; both off by
/// default, as in Open edX.</summary>
public sealed class FeaturesOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Features";

    /// <summary>Open edX's <c>SOCIAL_SHARING_SETTINGS['CUSTOM_COURSE_URLS']</c>: a course's own <c>social_sharing_url</c>
    /// (Studio's advanced setting), when set, is its about link. Environment variable
    /// <c>Features__EnableCustomCourseUrls</c>.</summary>
    public bool EnableCustomCourseUrls { get; set; }

    /// <summary>Open edX's <c>FEATURES['ENABLE_MKTG_SITE']</c>: the site has a separate marketing site, so a course's
    /// <c>marketing_url</c> (from the catalog sync), when set, is its about link unless a custom course URL wins.
    /// Environment variable <c>Features__EnableMarketingSite</c>.</summary>
    public bool EnableMarketingSite { get; set; }
}
