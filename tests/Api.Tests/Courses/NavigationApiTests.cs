using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Courses;

/// <summary><c>GET /api/course_home/v1/navigation/{course_key}</c> on the sample course.</summary>
public sealed class NavigationApiTests
{
    private const string Course = "course-v1:ActorsX+Intro+2026";
    private const string Navigation = "/api/course_home/v1/navigation/" + Course;
    private const string Prefix = "block-v1:ActorsX+Intro+2026+type@";

    // Every field Open edX's navigation serializer writes for a block (openedx.md §a.2), which the learning MFE reads.
    private static readonly string[] BlockFields =
    [
        "id", "type", "display_name", "children", "complete", "completion_stat", "description", "due", "effort_activities",
        "effort_time", "icon", "lms_web_url", "resume_block", "has_scheduled_content", "hide_from_toc",
    ];

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<ApiApplication> PublishedAsync(string? course = null)
    {
        var app = new ApiApplication();
        var response = await app.CreateAdministratorClient().PostAsync($"/api/courses/v1/{Course}/publish", Json(course ?? RepositoryFiles.SampleCourse));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return app;
    }

    private static async Task<HttpClient> EnrolledLearnerAsync(ApiApplication app, string username)
    {
        var client = app.CreateLearnerClient(username);
        var enroll = await client.PostAsync("/api/enrollment/v1/enrollment",
            Json($$$"""{"user": "{{{username}}}", "mode": "audit", "is_active": true, "course_details": {"course_id": "{{{Course}}}"}}"""));
        Assert.Equal(HttpStatusCode.OK, enroll.StatusCode);
        return client;
    }

    private static async Task<JsonElement> BlocksAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync(Navigation)).RootElement.GetProperty("blocks");

    [Fact]
    public async Task Staff_GetOpenEdxShape_FieldForField()
    {
        await using var app = await PublishedAsync();

        var response = await app.CreateAdministratorClient().GetAsync(Navigation);
        var blocks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("blocks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("X-Block-Structure-Version").Single());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(12, blocks.EnumerateObject().Count()); // course, 2 chapters, 3 sequentials, 6 verticals
        foreach (var block in blocks.EnumerateObject())
        {
            Assert.Equal(BlockFields.Order(), block.Value.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(block.Name, block.Value.GetProperty("id").GetString());
            Assert.Equal(JsonValueKind.Null, block.Value.GetProperty("lms_web_url").ValueKind);
        }

        var quiz = blocks.GetProperty(Prefix + "sequential+block@first_quiz");
        Assert.Equal("First quiz (2 Questions)", quiz.GetProperty("display_name").GetString());
        Assert.Equal("fa-pencil-square-o", quiz.GetProperty("icon").GetString());
        Assert.Equal("Homework", quiz.GetProperty("description").GetString());
        Assert.Equal("2027-06-30T23:59:00Z", quiz.GetProperty("due").GetString());
        var unit = blocks.GetProperty(Prefix + "vertical+block@check1");
        Assert.Equal("problem", unit.GetProperty("icon").GetString());
        Assert.Empty(unit.GetProperty("children").EnumerateArray());
        Assert.Equal("video", blocks.GetProperty(Prefix + "vertical+block@video_intro").GetProperty("icon").GetString());
        Assert.Equal("other", blocks.GetProperty(Prefix + "vertical+block@welcome").GetProperty("icon").GetString());
        var course = blocks.GetProperty(Prefix + "course+block@course");
        Assert.False(course.GetProperty("has_scheduled_content").GetBoolean());
        Assert.Equal(2, course.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task Learner_DoesNotSeeStaffOnlyOrNotYetStartedBlocks()
    {
        var later = System.Text.Json.Nodes.JsonNode.Parse(RepositoryFiles.SampleCourse)!;
        var wrapUp = later["blocks"]!.AsArray().First(b => b!["id"]!.GetValue<string>().EndsWith("sequential+block@wrap_up", StringComparison.Ordinal))!;
        wrapUp["start"] = "2999-01-01T00:00:00Z";
        await using var app = await PublishedAsync(later.ToJsonString());

        var learner = await BlocksAsync(await EnrolledLearnerAsync(app, "alice"));
        var staff = await BlocksAsync(app.CreateAdministratorClient());

        Assert.False(learner.TryGetProperty(Prefix + "vertical+block@staff_notes", out _));
        Assert.False(learner.TryGetProperty(Prefix + "sequential+block@wrap_up", out _));
        Assert.Empty(learner.GetProperty(Prefix + "chapter+block@going_further").GetProperty("children").EnumerateArray());
        Assert.True(staff.TryGetProperty(Prefix + "vertical+block@staff_notes", out _));
        Assert.True(staff.GetProperty(Prefix + "course+block@course").GetProperty("has_scheduled_content").GetBoolean());
    }

    [Fact]
    public async Task UserNeitherEnrolledNorStaff_GetsAnEmptyObject()
    {
        await using var app = await PublishedAsync();

        var response = await app.CreateLearnerClient("mallory").GetAsync(Navigation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PublicCourse_ShowsTheOutlineToUsersNotEnrolled()
    {
        await using var app = await PublishedAsync(RepositoryFiles.SampleCourse.Replace("\"course_visibility\": \"private\"", "\"course_visibility\": \"public\""));

        var blocks = await BlocksAsync(app.CreateLearnerClient("visitor"));

        Assert.True(blocks.TryGetProperty(Prefix + "course+block@course", out _));
        Assert.False(blocks.TryGetProperty(Prefix + "vertical+block@staff_notes", out _));
    }

    [Fact]
    public async Task MatchingIfNoneMatch_Returns304_UntilTheLearnersCompletionChanges()
    {
        await using var app = await PublishedAsync();
        var learner = await EnrolledLearnerAsync(app, "bob");
        var first = await learner.GetAsync(Navigation);
        var etag = first.Headers.ETag!;

        var again = new HttpRequestMessage(HttpMethod.Get, Navigation);
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await learner.SendAsync(again)).StatusCode);

        var completion = await learner.PostAsync($"/courses/{Course}/xblock/{Prefix}html+block@welcome_text/handler/publish_completion", Json("""{"completion": 1.0}"""));
        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        var changed = new HttpRequestMessage(HttpMethod.Get, Navigation);
        changed.Headers.IfNoneMatch.Add(etag);
        var response = await learner.SendAsync(changed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag);
    }

    [Fact]
    public async Task Completion_RollsUpWithOpenEdxRules_AndMarksTheResumeBlock()
    {
        await using var app = await PublishedAsync();
        var learner = await EnrolledLearnerAsync(app, "carol");
        foreach (var block in new[] { "html+block@welcome_text", "video+block@intro_video" })
        {
            var response = await learner.PostAsync($"/courses/{Course}/xblock/{Prefix}{block}/handler/publish_completion", Json("""{"completion": 1.0}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var blocks = await BlocksAsync(learner);

        var welcome = blocks.GetProperty(Prefix + "vertical+block@welcome");
        Assert.True(welcome.GetProperty("complete").GetBoolean());
        var video = blocks.GetProperty(Prefix + "vertical+block@video_intro"); // video done, notes not
        Assert.False(video.GetProperty("complete").GetBoolean());
        Assert.Equal(1, video.GetProperty("completion_stat").GetProperty("completion").GetDouble());
        Assert.Equal(2, video.GetProperty("completion_stat").GetProperty("completable_children").GetInt32());
        var startHere = blocks.GetProperty(Prefix + "sequential+block@start_here");
        Assert.Equal(1, startHere.GetProperty("completion_stat").GetProperty("completion").GetDouble());
        Assert.Equal(2, startHere.GetProperty("completion_stat").GetProperty("completable_children").GetInt32());
        var chapter = blocks.GetProperty(Prefix + "chapter+block@getting_started"); // sums of its sequentials: units
        Assert.Equal(1, chapter.GetProperty("completion_stat").GetProperty("completion").GetDouble());
        Assert.Equal(4, chapter.GetProperty("completion_stat").GetProperty("completable_children").GetInt32());
        Assert.True(video.GetProperty("resume_block").GetBoolean());
        Assert.True(startHere.GetProperty("resume_block").GetBoolean());
        Assert.False(welcome.GetProperty("resume_block").GetBoolean());
    }

    [Fact]
    public async Task UnpublishedCourse_Returns404_AndAnInvalidKey400()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();

        await Problem.AssertAsync(await client.GetAsync(Navigation), HttpStatusCode.NotFound);
        Problem.ErrorsFor(await Problem.AssertAsync(await client.GetAsync("/api/course_home/v1/navigation/nonsense"), HttpStatusCode.BadRequest), "course_key");
    }
}

/// <summary>A course whose first structure is not built within the bound answers 503 with Retry-After.</summary>
public sealed class NavigationColdBoundTests
{
    [Fact]
    public async Task FirstRebuildSlowerThanTheBound_Returns503WithRetryAfter_ThenServes()
    {
        const string course = "course-v1:ActorsX+Intro+2026";
        await using var app = new ApiApplication(settings: new Dictionary<string, string>
        {
            ["Actors:Courses:ColdReadTimeout"] = "00:00:00.001",
            ["Actors:Courses:RebuildSettleTime"] = "00:00:00.200", // the first rebuild waits this long for more publishes
            ["Actors:Courses:MaxRebuildSettleTime"] = "00:00:01",
        });
        var admin = app.CreateAdministratorClient();
        await admin.PostAsync($"/api/courses/v1/{course}/publish",
            new StringContent(RepositoryFiles.SampleCourse, System.Text.Encoding.UTF8, "application/json"));

        var cold = await admin.GetAsync("/api/course_home/v1/navigation/" + course);

        await Problem.AssertAsync(cold, System.Net.HttpStatusCode.ServiceUnavailable);
        Assert.True(cold.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        HttpResponseMessage warm;
        while ((warm = await admin.GetAsync("/api/course_home/v1/navigation/" + course)).StatusCode != System.Net.HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(System.Net.HttpStatusCode.OK, warm.StatusCode);
    }
}

/// <summary>What a learner sees changes when a start date passes, even though no version moved.</summary>
public sealed class NavigationStartDateTests
{
    [Fact]
    public async Task StartDatePassing_ChangesTheETag_AndShowsTheBlock()
    {
        const string course = "course-v1:ActorsX+Intro+2026";
        // Fake time starts at the real time: tokens are minted on it and checked against the real clock.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ApiApplication(services => services.AddSingleton<TimeProvider>(time));
        var content = System.Text.Json.Nodes.JsonNode.Parse(RepositoryFiles.SampleCourse)!;
        var wrapUp = content["blocks"]!.AsArray().First(b => b!["id"]!.GetValue<string>().EndsWith("sequential+block@wrap_up", StringComparison.Ordinal))!;
        wrapUp["start"] = time.GetUtcNow().AddHours(1).ToString("O");
        var admin = app.CreateAdministratorClient();
        await admin.PostAsync($"/api/courses/v1/{course}/publish", new StringContent(content.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var learner = app.CreateLearnerClient("erin");
        await learner.PostAsync("/api/enrollment/v1/enrollment",
            new StringContent($$$"""{"course_details": {"course_id": "{{{course}}}"}}""", System.Text.Encoding.UTF8, "application/json"));
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<Actors.Grains.Courses.ICourseGrain>(course);
        while ((await grain.GetRebuildStatusAsync()).StructureVersion < 1)
        {
            time.Advance(TimeSpan.FromMilliseconds(100)); // lets the first rebuild's settle time pass
            await Task.Delay(10);
        }

        var before = await learner.GetAsync("/api/course_home/v1/navigation/" + course);
        Assert.Equal(System.Net.HttpStatusCode.OK, before.StatusCode);
        Assert.DoesNotContain("wrap_up", await before.Content.ReadAsStringAsync());

        time.Advance(TimeSpan.FromHours(2));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/course_home/v1/navigation/" + course);
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await learner.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("wrap_up", await after.Content.ReadAsStringAsync());
    }
}
