using System.Net;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Positions.PositionsCourse;

namespace Actors.Api.Tests.Positions;

/// <summary>The position and completion-read routes with the course key as Open edX's URL patterns take it:
/// <c>course-v1:</c>, and the deprecated <c>Org/Course/Run</c> raw and <c>%2F</c>-encoded (its blocks have
/// <c>i4x://</c> keys, sent raw in the handler path).</summary>
public sealed class PositionKeyRoutesTests
{
    public static TheoryData<string, string> Forms => new()
    {
        { "course-v1:ActorsX+Keys+2026", "course-v1:ActorsX+Keys+2026" },
        { "ActorsX/Keys/2026", "ActorsX/Keys/2026" },
        { "ActorsX%2FKeys%2F2026", "ActorsX/Keys/2026" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task GotoPosition_TakesEveryFormOfTheKey(string inUrl, string canonical)
    {
        var course = new PositionsCourse(canonical);
        await using var app = await course.StartAsync("alice");
        var s1 = course.Id("sequential", "s1");

        var response = await app.CreateLearnerClient("alice").PostAsync($"/courses/{inUrl}/xblock/{s1}/handler/goto_position", Json("""{"position": 2}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Dictionary<string, int> { [s1] = 2 }, await course.PositionsAsync(app, "alice", s1));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task GetCompletion_TakesEveryFormOfTheKey(string inUrl, string canonical)
    {
        var course = new PositionsCourse(canonical);
        await using var app = await course.StartAsync("alice");
        var alice = app.CreateLearnerClient("alice");
        (await alice.PostAsync($"/courses/{inUrl}/xblock/{course.Id("html", "h3")}/handler/publish_completion", Json("""{"completion": 1.0}""")))
            .EnsureSuccessStatusCode();

        var response = await alice.PostAsync($"/courses/{inUrl}/xblock/{course.Id("sequential", "s2")}/handler/get_completion",
            Json(JsonSerializer.Serialize(new { usage_key = course.Id("vertical", "v3") })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"complete":true}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task CourseStatusInfo_TakesEveryFormOfTheKey(string inUrl, string canonical)
    {
        var course = new PositionsCourse(canonical);
        await using var app = await course.StartAsync("alice");
        var alice = app.CreateLearnerClient("alice");
        var path = $"/api/mobile/v4/users/alice/course_status_info/{inUrl}";

        var patch = await alice.SendAsync(new HttpRequestMessage(HttpMethod.Patch, path)
        {
            Content = Json(JsonSerializer.Serialize(new { last_visited_module_id = course.Id("vertical", "v3") })),
        });
        var get = JsonDocument.Parse(await alice.GetStringAsync(path)).RootElement;

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal([course.Id("sequential", "s2"), course.Id("chapter", "ch1"), course.Root],
            get.GetProperty("last_visited_module_path").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(new Dictionary<string, int> { [course.Root] = 1, [course.Id("chapter", "ch1")] = 2, [course.Id("sequential", "s2")] = 1 },
            await course.PositionsAsync(app, "alice", course.Root, course.Id("chapter", "ch1"), course.Id("sequential", "s2")));
    }

    [Fact]
    public async Task CourseStatusInfo_SlashKeyWithoutARun_Returns400NamingCourseId()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync("/api/mobile/v4/users/staff/course_status_info/ActorsX%2FKeys%2F");

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "course_id");
    }
}
