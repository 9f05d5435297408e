using System.Net;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Mobile;

/// <summary><c>GET /api/mobile/v4/users/{username}/course_enrollments/</c>: Open edX's v4 shape, order, paging, access.</summary>
public sealed class MobileEnrollmentsApiTests(DefaultSwitchesApi api) : IClassFixture<DefaultSwitchesApi>
{
    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task List_AnswersOpenEdxV4Shape_WithEveryServedCourseField()
    {
        const string course = "course-v1:ShapeX+Intro+2026";
        await api.PublishAsync(course, "Shapes of Things", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new { end = "2027-06-30T12:00:00Z", self_paced = true, social_sharing_url = "https://share.example.org/intro" });
        await api.EnrollAsync("shape-learner", course, mode: "verified");

        var body = await api.ListAsync("shape-learner");

        Assert.Equal(["configs", "user_timezone", "enrollments", "primary"], Names(body));
        Assert.Equal("UTC", body.GetProperty("user_timezone").GetString());
        Assert.Equal(["next", "previous", "count", "num_pages", "current_page", "start", "results"], Names(body.GetProperty("enrollments")));
        var primary = body.GetProperty("primary");
        Assert.Equal(["created", "mode", "is_active", "course"], Names(primary));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$", primary.GetProperty("created").GetString());
        Assert.Equal("verified", primary.GetProperty("mode").GetString());
        Assert.True(primary.GetProperty("is_active").GetBoolean());
        var c = primary.GetProperty("course");
        Assert.Equal(["id", "name", "number", "org", "start", "start_display", "start_type", "end", "subscription_id", "media", "course_image",
            "course_about", "course_sharing_utm_parameters", "course_updates", "course_handouts", "video_outline", "is_self_paced"], Names(c));
        Assert.Equal(course, c.GetProperty("id").GetString());
        Assert.Equal("Shapes of Things", c.GetProperty("name").GetString());
        Assert.Equal("Intro", c.GetProperty("number").GetString());
        Assert.Equal("ShapeX", c.GetProperty("org").GetString());
        Assert.Equal("2026-01-01T00:00:00Z", c.GetProperty("start").GetString());
        Assert.Equal("Jan. 1, 2026", c.GetProperty("start_display").GetString());
        Assert.Equal("timestamp", c.GetProperty("start_type").GetString());
        Assert.Equal("2027-06-30T12:00:00Z", c.GetProperty("end").GetString());
        Assert.Equal("course_MNXXK4TTMUWXMMJ2KNUGC4DFLAVUS3TUOJXSWMRQGI3A____", c.GetProperty("subscription_id").GetString());
        const string image = "/asset-v1:ShapeX+Intro+2026+type@asset+block@images_course_image.jpg";
        Assert.Equal(image, c.GetProperty("course_image").GetString());
        Assert.Equal(image, c.GetProperty("media").GetProperty("course_image").GetProperty("uri").GetString());
        Assert.Equal("Course Image", c.GetProperty("media").GetProperty("course_image").GetProperty("name").GetString());
        Assert.Equal($"{MobileApi.LmsRoot}/courses/{course}/about", c.GetProperty("course_about").GetString()); // the switch is off
        Assert.Equal($"{MobileApi.LmsRoot}/api/mobile/v4/course_info/{course}/updates", c.GetProperty("course_updates").GetString());
        Assert.Equal($"{MobileApi.LmsRoot}/api/mobile/v4/course_info/{course}/handouts", c.GetProperty("course_handouts").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("video_outline").ValueKind);
        Assert.True(c.GetProperty("is_self_paced").GetBoolean());
    }

    [Fact]
    public async Task List_UtmParameters_AreOpenEdxsFacebookAndTwitterStrings()
    {
        await api.PublishAndEnrollAsync("utm-learner", "course-v1:UtmX+Share+2026");

        var utm = (await api.ListAsync("utm-learner")).GetProperty("primary").GetProperty("course").GetProperty("course_sharing_utm_parameters");

        Assert.Equal(["facebook", "twitter"], Names(utm));
        Assert.Equal("utm_medium=social&utm_campaign=social-sharing-db&utm_source=facebook", utm.GetProperty("facebook").GetString());
        Assert.Equal("utm_medium=social&utm_campaign=social-sharing-db&utm_source=twitter", utm.GetProperty("twitter").GetString());
    }

    [Fact]
    public async Task List_Configs_AreTheConfiguredMobileConfigs_IapOnesGrouped()
    {
        var configs = (await api.ListAsync("configs-learner")).GetProperty("configs");

        Assert.Equal("""{"iap_configs":{"iap_android_enabled":"true"},"course_dates_calendar_sync":"{}"}""", configs.GetRawText());
    }

    [Fact]
    public async Task List_NewestFirst_TheNewestIsPrimaryAndLeavesTheList()
    {
        await api.PublishAndEnrollAsync("order-learner", "course-v1:OrderX+A+2026", "course-v1:OrderX+B+2026", "course-v1:OrderX+C+2026");

        var body = await api.ListAsync("order-learner");

        Assert.Equal("course-v1:OrderX+C+2026", body.GetProperty("primary").GetProperty("course").GetProperty("id").GetString());
        Assert.Equal(["course-v1:OrderX+B+2026", "course-v1:OrderX+A+2026"], MobileApi.CourseIds(body));
        Assert.Equal(2, body.GetProperty("enrollments").GetProperty("count").GetInt32());
        var created = body.GetProperty("enrollments").GetProperty("results").EnumerateArray()
            .Select(e => e.GetProperty("created").GetDateTimeOffset()).Prepend(body.GetProperty("primary").GetProperty("created").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderByDescending(d => d), created);
    }

    [Fact]
    public async Task List_InactiveEnrollments_AreExcluded()
    {
        await api.PublishAndEnrollAsync("inactive-learner", "course-v1:GoneX+A+2026", "course-v1:GoneX+B+2026", "course-v1:GoneX+C+2026");
        await api.EnrollAsync("inactive-learner", "course-v1:GoneX+C+2026", active: false);
        await api.EnrollAsync("inactive-learner", "course-v1:GoneX+A+2026", active: false);

        var body = await api.ListAsync("inactive-learner");

        Assert.Equal("course-v1:GoneX+B+2026", body.GetProperty("primary").GetProperty("course").GetProperty("id").GetString());
        Assert.Empty(MobileApi.CourseIds(body));
        Assert.Equal(0, body.GetProperty("enrollments").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task List_NoEnrollments_IsOneEmptyPageWithoutPrimary()
    {
        var body = await api.ListAsync("nobody-enrolled");

        Assert.False(body.TryGetProperty("primary", out _));
        Assert.Equal("""{"next":null,"previous":null,"count":0,"num_pages":1,"current_page":1,"start":0,"results":[]}""",
            body.GetProperty("enrollments").GetRawText());
    }

    [Fact]
    public async Task List_Pages_CountNumPagesStartAndLinksAsOpenEdx()
    {
        const string learner = "paging-learner";
        var courses = Enumerable.Range(0, 13).Select(i => $"course-v1:PageX+C{i:D2}+2026").ToArray();
        await api.PublishAndEnrollAsync(learner, courses);
        var newestFirst = courses.Reverse().Skip(1).ToArray(); // the newest is the primary
        var url = $"http://localhost{MobileApi.Path(learner)}";

        var first = (await api.ListAsync(learner)).GetProperty("enrollments");
        var second = (await api.ListAsync(learner, "?page=2")).GetProperty("enrollments");
        var third = (await api.ListAsync(learner, "?page=3")).GetProperty("enrollments");
        var last = (await api.ListAsync(learner, "?page=last")).GetProperty("enrollments");

        Assert.Equal((12, 3, 1, 0), (first.GetProperty("count").GetInt32(), first.GetProperty("num_pages").GetInt32(),
            first.GetProperty("current_page").GetInt32(), first.GetProperty("start").GetInt32()));
        Assert.Equal(url + "?page=2", first.GetProperty("next").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous").ValueKind);
        Assert.Equal(newestFirst[..5], Ids(first));
        Assert.Equal((2, 5), (second.GetProperty("current_page").GetInt32(), second.GetProperty("start").GetInt32()));
        Assert.Equal(url + "?page=3", second.GetProperty("next").GetString());
        Assert.Equal(url, second.GetProperty("previous").GetString()); // page 1 is the URL without page
        Assert.Equal(newestFirst[5..10], Ids(second));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next").ValueKind);
        Assert.Equal(url + "?page=2", third.GetProperty("previous").GetString());
        Assert.Equal(newestFirst[10..], Ids(third));
        Assert.Equal(third.GetRawText(), last.GetRawText());
    }

    [Fact]
    public async Task List_PageSizeAndOtherParameters_AreKeptSortedInTheLinks()
    {
        const string learner = "links-learner";
        await api.PublishAndEnrollAsync(learner, Enumerable.Range(0, 6).Select(i => $"course-v1:LinkX+C{i}+2026").ToArray());

        var page = (await api.ListAsync(learner, "?page_size=2&page=2&org=linkx")).GetProperty("enrollments");

        var url = $"http://localhost{MobileApi.Path(learner)}";
        Assert.Equal((5, 3, 2), (page.GetProperty("count").GetInt32(), page.GetProperty("num_pages").GetInt32(), page.GetProperty("start").GetInt32()));
        Assert.Equal(url + "?org=linkx&page=3&page_size=2", page.GetProperty("next").GetString());
        Assert.Equal(url + "?org=linkx&page_size=2", page.GetProperty("previous").GetString());
    }

    [Fact]
    public async Task List_PageSizeAboveFifty_IsServedAsFifty()
    {
        const string learner = "big-page-learner";
        await api.PublishAndEnrollAsync(learner, Enumerable.Range(0, 53).Select(i => $"course-v1:BigX+C{i:D2}+2026").ToArray());

        var first = (await api.ListAsync(learner, "?page_size=500")).GetProperty("enrollments");
        var second = (await api.ListAsync(learner, "?page_size=500&page=2")).GetProperty("enrollments");

        Assert.Equal((52, 2, 50), (first.GetProperty("count").GetInt32(), first.GetProperty("num_pages").GetInt32(), first.GetProperty("results").GetArrayLength()));
        Assert.Equal((50, 2), (second.GetProperty("start").GetInt32(), second.GetProperty("results").GetArrayLength()));
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?page=two", "page")]
    [InlineData("?page=1.0", "page")]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=ten", "page_size")]
    [InlineData("?status=in_progress", "status")]
    public async Task List_BadQuery_Returns400NamingTheField(string query, string field)
    {
        var response = await api.App.CreateLearnerClient("bad-query-learner").GetAsync(MobileApi.Path("bad-query-learner", query));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
    }

    [Fact]
    public async Task List_PagePastTheLast_Returns404InvalidPage()
    {
        await api.PublishAndEnrollAsync("past-learner", "course-v1:PastX+A+2026", "course-v1:PastX+B+2026");

        var response = await api.App.CreateLearnerClient("past-learner").GetAsync(MobileApi.Path("past-learner", "?page=2"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Invalid page.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task List_AnotherLearner_Returns403_ButAnAdministratorMay()
    {
        await api.PublishAndEnrollAsync("owner-learner", "course-v1:OwnX+A+2026");

        var forbidden = await api.App.CreateLearnerClient("other-learner").GetAsync(MobileApi.Path("owner-learner"));
        var allowed = await api.App.CreateAdministratorClient().GetAsync(MobileApi.Path("owner-learner"));
        var anonymous = await api.App.CreateClient().GetAsync(MobileApi.Path("owner-learner"));

        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var body = JsonDocument.Parse(await allowed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("course-v1:OwnX+A+2026", body.GetProperty("primary").GetProperty("course").GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_EnrollmentsInCoursesNotPublishedHere_AreSkipped_AndCountAndPagesStayExact()
    {
        const string learner = "unpublished-learner";
        // Newest first: Z (unpublished), P4, U3 (unpublished), P3, P2, U2 (unpublished), P1, P0.
        await api.PublishAndEnrollAsync(learner, "course-v1:SkipX+P0+2026", "course-v1:SkipX+P1+2026");
        await api.EnrollAsync(learner, "course-v1:SkipX+U2+2026");
        await api.PublishAndEnrollAsync(learner, "course-v1:SkipX+P2+2026", "course-v1:SkipX+P3+2026");
        await api.EnrollAsync(learner, "course-v1:SkipX+U3+2026");
        await api.PublishAndEnrollAsync(learner, "course-v1:SkipX+P4+2026");
        await api.EnrollAsync(learner, "course-v1:SkipX+Z+2026");

        var first = await api.ListAsync(learner, "?page_size=2");
        var second = await api.ListAsync(learner, "?page_size=2&page=2");
        var past = await api.App.CreateLearnerClient(learner).GetAsync(MobileApi.Path(learner, "?page_size=2&page=3"));

        Assert.Equal("course-v1:SkipX+P4+2026", first.GetProperty("primary").GetProperty("course").GetProperty("id").GetString());
        Assert.Equal(["course-v1:SkipX+P3+2026", "course-v1:SkipX+P2+2026"], MobileApi.CourseIds(first));
        Assert.Equal(["course-v1:SkipX+P1+2026", "course-v1:SkipX+P0+2026"], MobileApi.CourseIds(second));
        Assert.Equal((4, 2), (first.GetProperty("enrollments").GetProperty("count").GetInt32(), first.GetProperty("enrollments").GetProperty("num_pages").GetInt32()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("enrollments").GetProperty("next").ValueKind);
        await Problem.AssertAsync(past, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_OrgFilter_ComparesTheCourseOrgCaseInsensitively()
    {
        const string learner = "org-learner";
        await api.PublishAndEnrollAsync(learner, "course-v1:OrgA+One+2026", "course-v1:OrgB+Two+2026", "course-v1:OrgA+Three+2026", "course-v1:OrgA+Four+2026");

        var body = await api.ListAsync(learner, "?org=orga");

        Assert.Equal("course-v1:OrgA+Four+2026", body.GetProperty("primary").GetProperty("course").GetProperty("id").GetString());
        Assert.Equal(["course-v1:OrgA+Three+2026", "course-v1:OrgA+One+2026"], MobileApi.CourseIds(body));
    }

    [Fact]
    public async Task List_StartTypes_AdvertisedStartIsAString_NoStartIsEmpty()
    {
        const string learner = "start-learner";
        await api.PublishAsync("course-v1:StartX+None+2026", "No start");
        await api.PublishAsync("course-v1:StartX+Advertised+2026", "Advertised", new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.Zero),
            new { advertised_start = "Fall 2026" });
        await api.PublishAsync("course-v1:StartX+Dated+2026", "Dated", new DateTimeOffset(2026, 9, 30, 23, 0, 0, TimeSpan.Zero));
        foreach (var course in new[] { "course-v1:StartX+None+2026", "course-v1:StartX+Advertised+2026", "course-v1:StartX+Dated+2026" })
            await api.EnrollAsync(learner, course);

        var body = await api.ListAsync(learner);

        var courses = body.GetProperty("enrollments").GetProperty("results").EnumerateArray().Select(e => e.GetProperty("course"))
            .Prepend(body.GetProperty("primary").GetProperty("course"))
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("start").GetString(), c.GetProperty("start_display").GetString(),
                c.GetProperty("start_type").GetString()));
        Assert.Equal(("2030-01-01T00:00:00Z", null, "empty"), courses["No start"]);
        Assert.Equal(("2026-09-30T00:00:00Z", "Fall 2026", "string"), courses["Advertised"]);
        Assert.Equal(("2026-09-30T23:00:00Z", "Sept. 30, 2026", "timestamp"), courses["Dated"]);
    }

    [Fact]
    public async Task List_CourseImage_IsTheAssetPathOfTheNamedFile_OrAnAbsoluteUrl_OrEmpty()
    {
        const string learner = "image-learner";
        await api.PublishAsync("course-v1:ImageX+File+2026", "File", course: new { course_image = "images/card.png" });
        await api.PublishAsync("course-v1:ImageX+Url+2026", "Url", course: new { course_image = "https://cdn.example.org/card.png" });
        await api.PublishAsync("course-v1:ImageX+Empty+2026", "Empty", course: new { course_image = "" });
        foreach (var course in new[] { "course-v1:ImageX+File+2026", "course-v1:ImageX+Url+2026", "course-v1:ImageX+Empty+2026" })
            await api.EnrollAsync(learner, course);

        var body = await api.ListAsync(learner);

        var images = body.GetProperty("enrollments").GetProperty("results").EnumerateArray().Select(e => e.GetProperty("course"))
            .Prepend(body.GetProperty("primary").GetProperty("course"))
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("course_image").GetString());
        Assert.Equal("/asset-v1:ImageX+File+2026+type@asset+block@images_card.png", images["File"]);
        Assert.Equal("https://cdn.example.org/card.png", images["Url"]);
        Assert.Equal("", images["Empty"]);
    }

    private static string[] Ids(JsonElement page) =>
        page.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("course").GetProperty("id").GetString()!).ToArray();
}
