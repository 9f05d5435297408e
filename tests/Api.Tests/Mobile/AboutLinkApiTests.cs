using System.Net;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Mobile;

/// <summary>The about link in <c>GET /api/courses/v1/{course_key}/overview</c> and in the mobile enrollments' courses,
/// with Open edX's default switches (off).</summary>
public sealed class AboutLinkDefaultSwitchesTests(DefaultSwitchesApi api) : IClassFixture<DefaultSwitchesApi>
{
    [Fact]
    public async Task Overview_SwitchesOff_CourseAboutIsTheLmsAboutPage_AndTheOtherFieldsStay()
    {
        const string course = "course-v1:AboutOff+Intro+2026";
        await api.PublishAsync(course, "About Off", course: new { social_sharing_url = "https://share.example.org/off", language = "en" });

        var overview = JsonDocument.Parse(await api.App.CreateLearnerClient("about-off").GetStringAsync($"/api/courses/v1/{course}/overview")).RootElement;

        Assert.Equal($"{MobileApi.LmsRoot}/courses/{course}/about", overview.GetProperty("course_about").GetString());
        Assert.Equal("About Off", overview.GetProperty("display_name").GetString());
        Assert.Equal("https://share.example.org/off", overview.GetProperty("social_sharing_url").GetString());
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("marketing_url").ValueKind);
        Assert.Equal(1, overview.GetProperty("published_version").GetInt64());
    }

    [Fact]
    public async Task Overview_DeprecatedCourseKey_AboutPageKeepsTheKeysSlashes()
    {
        var body = """{"blocks": [{"id": "i4x://Slash/Course/course/2026", "type": "course", "display_name": "Slash"}]}""";
        var publish = await api.App.CreateAdministratorClient().PostAsync("/api/courses/v1/Slash/Course/2026/publish",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, publish.StatusCode);

        var overview = JsonDocument.Parse(await api.App.CreateLearnerClient("about-slash").GetStringAsync("/api/courses/v1/Slash/Course/2026/overview")).RootElement;

        Assert.Equal($"{MobileApi.LmsRoot}/courses/Slash/Course/2026/about", overview.GetProperty("course_about").GetString());
    }
}

/// <summary>The same with custom course URLs and the marketing site switched on.</summary>
public sealed class AboutLinkSwitchesOnTests(SharingSwitchesOnApi api) : IClassFixture<SharingSwitchesOnApi>
{
    [Fact]
    public async Task OverviewAndMobileCourse_CustomCourseUrlsOn_CourseAboutIsTheSocialSharingUrl()
    {
        const string course = "course-v1:AboutOn+Shared+2026";
        await api.PublishAsync(course, "Shared", course: new { social_sharing_url = "https://share.example.org/on" });
        await api.EnrollAsync("about-on", course);

        var overview = JsonDocument.Parse(await api.App.CreateLearnerClient("about-on").GetStringAsync($"/api/courses/v1/{course}/overview")).RootElement;
        var mobile = await api.ListAsync("about-on");

        Assert.Equal("https://share.example.org/on", overview.GetProperty("course_about").GetString());
        Assert.Equal("https://share.example.org/on", mobile.GetProperty("primary").GetProperty("course").GetProperty("course_about").GetString());
    }

    [Fact]
    public async Task OverviewAndMobileCourse_NoUrlsSet_CourseAboutFallsBackToTheLmsAboutPage()
    {
        const string course = "course-v1:AboutOn+Plain+2026";
        await api.PublishAsync(course, "Plain");
        await api.EnrollAsync("about-plain", course);

        var overview = JsonDocument.Parse(await api.App.CreateLearnerClient("about-plain").GetStringAsync($"/api/courses/v1/{course}/overview")).RootElement;
        var mobile = await api.ListAsync("about-plain");

        var expected = $"{MobileApi.LmsRoot}/courses/{course}/about";
        Assert.Equal(expected, overview.GetProperty("course_about").GetString());
        Assert.Equal(expected, mobile.GetProperty("primary").GetProperty("course").GetProperty("course_about").GetString());
    }
}

/// <summary>Start-up checks of the LMS root URL.</summary>
public sealed class LmsRootUrlStartupTests
{
    [Fact]
    public async Task Start_WithARelativeLmsRootUrl_FailsNamingTheSetting()
    {
        await using var app = new ApiApplication(settings: new Dictionary<string, string> { ["Lms:RootUrl"] = "lms.example.org" });

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(failure is AggregateException aggregate ? aggregate.InnerException : failure);
        Assert.Contains("Lms:RootUrl", validation.Message);
    }
}
