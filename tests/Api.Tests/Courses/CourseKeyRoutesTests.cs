using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Api.Courses;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Keys;
using Actors.Grains.Students;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Courses;

/// <summary>
/// Every route that takes a course key, with the key as Open edX's URL patterns take it: <c>course-v1:</c>, the
/// deprecated <c>Org/Course/Run</c> raw (slashes in the path) and <c>%2F</c>-encoded. Each case gives the key as typed
/// in the URL and the canonical key the course is stored under.
/// </summary>
public sealed class CourseKeyRoutesTests
{
    public static TheoryData<string, string> Forms => new()
    {
        { "course-v1:ActorsX+Keys+2026", "course-v1:ActorsX+Keys+2026" },
        { "ActorsX/Keys/2026", "ActorsX/Keys/2026" },
        { "ActorsX%2FKeys%2F2026", "ActorsX/Keys/2026" },
        { "ActorsX%2fKeys%2f2026", "ActorsX/Keys/2026" },
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A course → chapter → sequential → vertical → html tree whose ids are usage keys of <paramref name="course"/>
    /// (<c>i4x://</c> ones, and the run as the root's id, for a deprecated course).</summary>
    private static StringContent TinyCourse(string course)
    {
        var key = CourseKey.Parse(course);
        string Id(string type, string id) => key.MakeUsageKey(type, id).ToString();
        var root = Id("course", key.IsDeprecated ? key.Run : "course");
        object[] blocks =
        [
            new { id = root, type = "course", display_name = "Keys", children = new[] { Id("chapter", "ch1") } },
            new { id = Id("chapter", "ch1"), type = "chapter", display_name = "Chapter", children = new[] { Id("sequential", "s1") } },
            new { id = Id("sequential", "s1"), type = "sequential", display_name = "Sequence", children = new[] { Id("vertical", "v1") } },
            new { id = Id("vertical", "v1"), type = "vertical", display_name = "Unit", children = new[] { Id("html", "h1") } },
            new { id = Id("html", "h1"), type = "html", display_name = "Text" },
        ];
        return Json(JsonSerializer.Serialize(new { blocks }));
    }

    private static string UsageKeyOf(string course, string type, string id) => CourseKey.Parse(course).MakeUsageKey(type, id).ToString();

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task PublishOverviewAndDelete_TakeEveryFormOfTheKey_AndStoreTheCourseUnderItsCanonicalKey(string inUrl, string canonical)
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();

        var publish = await client.PostAsync($"/api/courses/v1/{inUrl}/publish", TinyCourse(canonical));
        var overview = await client.GetAsync($"/api/courses/v1/{inUrl}/overview");

        Assert.Equal(HttpStatusCode.Accepted, publish.StatusCode);
        Assert.Equal(canonical, (await publish.Content.ReadFromJsonAsync<PublishResponse>())!.CourseKey);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal(canonical, JsonDocument.Parse(await overview.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(publish.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/courses/v1/{inUrl}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/courses/v1/{canonical}/overview")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Progress_TakesEveryFormOfTheKey(string inUrl, string canonical)
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();
        (await client.PostAsync($"/api/courses/v1/{canonical}/publish", TinyCourse(canonical))).EnsureSuccessStatusCode();

        var progress = JsonDocument.Parse(await client.GetStringAsync($"/api/course_home/v1/progress/{inUrl}/alice")).RootElement;

        Assert.Equal("alice", progress.GetProperty("username").GetString());
        var subsection = progress.GetProperty("section_scores")[0].GetProperty("subsections")[0];
        Assert.Equal(UsageKeyOf(canonical, "sequential", "s1"), subsection.GetProperty("block_key").GetString());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Navigation_TakesEveryFormOfTheKey(string inUrl, string canonical)
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();
        (await client.PostAsync($"/api/courses/v1/{canonical}/publish", TinyCourse(canonical))).EnsureSuccessStatusCode();

        var navigation = JsonDocument.Parse(await client.GetStringAsync($"/api/course_home/v1/navigation/{inUrl}")).RootElement;

        Assert.True(navigation.GetProperty("blocks").TryGetProperty(UsageKeyOf(canonical, "vertical", "v1"), out _));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task EnrollmentGet_TakesEveryFormOfTheKey(string inUrl, string canonical)
    {
        await using var app = new ApiApplication();
        var alice = app.CreateLearnerClient("alice");
        (await alice.PostAsync("/api/enrollment/v1/enrollment", JsonContent.Create(new { course_details = new { course_id = canonical } })))
            .EnsureSuccessStatusCode();

        var enrollment = JsonDocument.Parse(await alice.GetStringAsync($"/api/enrollment/v1/enrollment/alice,{inUrl}")).RootElement;

        Assert.Equal(canonical, enrollment.GetProperty("course_details").GetProperty("course_id").GetString());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task PublishCompletion_TakesEveryFormOfTheKey_WithTheUsageKeyRawOrEncoded(string inUrl, string canonical)
    {
        await using var app = new ApiApplication();
        var alice = app.CreateLearnerClient("alice");
        (await alice.PostAsync("/api/enrollment/v1/enrollment", JsonContent.Create(new { course_details = new { course_id = canonical } })))
            .EnsureSuccessStatusCode();
        var (text, unit) = (UsageKeyOf(canonical, "html", "h1"), UsageKeyOf(canonical, "vertical", "v1"));

        var raw = await alice.PostAsync($"/courses/{inUrl}/xblock/{text}/handler/publish_completion", Json("""{"completion": 1.0}"""));
        var encoded = await alice.PostAsync($"/courses/{inUrl}/xblock/{unit.Replace("/", "%2F", StringComparison.Ordinal)}/handler/publish_completion",
            Json("""{"completion": 0.5}"""));

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
        var completion = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IStudentModuleGrain>("alice").GetCompletionAsync(canonical);
        Assert.Equal(1.0, completion.Blocks[text].Completion);
        Assert.Equal(0.5, completion.Blocks[unit].Completion);
        Assert.Equal(2, completion.Blocks.Count);
    }

    [Fact]
    public async Task SlashKeyAndCourseV1Key_OfTheSameOrgCourseAndRun_AreDifferentCourses_AsInOpenEdx()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();

        (await client.PostAsync("/api/courses/v1/ActorsX/Keys/2026/publish", TinyCourse("ActorsX/Keys/2026"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/courses/v1/ActorsX/Keys/2026/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/courses/v1/course-v1:ActorsX+Keys+2026/overview")).StatusCode);
    }

    [Fact]
    public async Task Publish_ToASlashKeyWithBlockV1Ids_Returns400NamingTheId_AndStoresNothing()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();

        var response = await client.PostAsync("/api/courses/v1/ActorsX/Keys/2026/publish", TinyCourse("course-v1:ActorsX+Keys+2026"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name == "blocks[0].id");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/courses/v1/ActorsX/Keys/2026/overview")).StatusCode);
    }

    [Theory]
    [InlineData("/api/courses/v1/ActorsX%2FKeys%2F/overview", "course_key")]
    [InlineData("/api/course_home/v1/navigation/ActorsX/Keys/", "course_key")]
    [InlineData("/api/courses/v1/ActorsX%2FK+eys%2F2026/overview", "course_key")]
    [InlineData("/api/enrollment/v1/enrollment/alice,ActorsX%2FKeys%2F", "course_id")]
    public async Task SlashKeyWithoutARunOrWithABadPart_Returns400NamingTheKey(string path, string field)
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync(path);

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
    }

    [Fact]
    public async Task PublishCompletion_I4xKeyOfAnotherCourse_Returns400NamingUsageKey()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().PostAsync(
            "/courses/ActorsX/Keys/2026/xblock/i4x://ActorsX/Other/html/h1/handler/publish_completion", Json("""{"completion": 1.0}"""));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "usage_key");
    }
}
