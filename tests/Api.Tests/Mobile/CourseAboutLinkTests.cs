using Actors.Api.Lms;
using Actors.Grains.Courses;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Mobile;

/// <summary>The about link's priority (Open edX's <c>get_link_for_about_page</c>) under every combination of the two
/// switches and of the course's two URLs being set, unset or empty.</summary>
public sealed class CourseAboutLinkTests
{
    private const string Course = "course-v1:AboutX+Link+2026";
    private const string Social = "https://social.example.org/link";
    private const string Marketing = "https://www.example.org/course/link";
    private const string Lms = "https://lms.example.org/courses/course-v1:AboutX+Link+2026/about";

    public static TheoryData<bool, bool, string?, string?, string> Cases => new()
    {
        // custom URLs, marketing site, social_sharing_url, marketing_url → link
        { false, false, Social, Marketing, Lms },
        { false, false, null, null, Lms },
        { true, false, Social, Marketing, Social },
        { true, false, null, Marketing, Lms },
        { true, false, "", Marketing, Lms },
        { false, true, Social, Marketing, Marketing },
        { false, true, Social, null, Lms },
        { false, true, Social, "", Lms },
        { true, true, Social, Marketing, Social },
        { true, true, null, Marketing, Marketing },
        { true, true, "", Marketing, Marketing },
        { true, true, Social, null, Social },
        { true, true, null, null, Lms },
        { true, true, "", "", Lms },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Choose_FollowsSocialThenMarketingThenLms_EachOnlyWhenItsSwitchIsOnAndItIsSet(
        bool customCourseUrls, bool marketingSite, string? socialSharingUrl, string? marketingUrl, string expected)
    {
        var features = new FeaturesOptions { EnableCustomCourseUrls = customCourseUrls, EnableMarketingSite = marketingSite };

        Assert.Equal(expected, CourseAboutLink.Choose(Course, socialSharingUrl, marketingUrl, features, "https://lms.example.org"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void For_ReadsTheOverviewsUrls_AndTheConfiguredRootWithoutItsTrailingSlash(
        bool customCourseUrls, bool marketingSite, string? socialSharingUrl, string? marketingUrl, string expected)
    {
        var link = new CourseAboutLink(Options.Create(new FeaturesOptions { EnableCustomCourseUrls = customCourseUrls, EnableMarketingSite = marketingSite }),
            Options.Create(new LmsOptions { RootUrl = "https://lms.example.org/" }));
        var overview = new CourseOverview(Course, "About", "AboutX", null, null, null, null, null, null, socialSharingUrl, marketingUrl, "en", false,
            null, null, "private", true, 1, DateTimeOffset.UnixEpoch);

        Assert.Equal(expected, link.For(overview));
    }

    [Theory]
    [InlineData("https://lms.example.org", true)]
    [InlineData("http://localhost:18000/", true)]
    [InlineData("https://example.org/lms", true)]
    [InlineData("lms.example.org", false)]
    [InlineData("/courses", false)]
    [InlineData("ftp://lms.example.org", false)]
    [InlineData("https://lms.example.org/?site=a", false)]
    [InlineData("", false)]
    public void LmsRootUrl_MustBeAnAbsoluteHttpUrl(string rootUrl, bool valid)
    {
        var result = new LmsOptionsValidator().Validate(null, new LmsOptions { RootUrl = rootUrl });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
            Assert.Contains("Lms:RootUrl", result.FailureMessage);
    }
}
