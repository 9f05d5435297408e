using System.Net;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Positions.PositionsCourse;

namespace Actors.Api.Tests.Positions;

/// <summary><c>GET|PATCH /api/mobile/v4/users/{username}/course_status_info/{course_id}</c>: the last visited path from
/// the stored positions, and positions saved up the tree (Open edX's <c>save_positions_recursively_up</c>).</summary>
public sealed class CourseStatusInfoApiTests
{
    private static readonly PositionsCourse Course = new(Default);

    private static string Status(string username = "alice") => $"/api/mobile/v4/users/{username}/course_status_info/{Course.Key}";

    private static string Id(string type, string id) => Course.Id(type, id);

    private static HttpRequestMessage Patch(string body, string username = "alice") => new(HttpMethod.Patch, Status(username)) { Content = Json(body) };

    private static string Visit(string type, string id, string? date = null) =>
        JsonSerializer.Serialize(date is null
            ? new Dictionary<string, string> { ["last_visited_module_id"] = Id(type, id) }
            : new Dictionary<string, string> { ["last_visited_module_id"] = Id(type, id), ["modification_date"] = date });

    private static async Task<string[]> PathAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var path = body.GetProperty("last_visited_module_path").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(path[0], body.GetProperty("last_visited_module_id").GetString());
        return path;
    }

    [Fact]
    public async Task Get_WithoutPositions_AnswersTheFirstSequenceOfTheFirstChapter_DeepestFirst()
    {
        await using var app = await Course.StartAsync("alice");

        var path = await PathAsync(await app.CreateLearnerClient("alice").GetAsync(Status()));

        Assert.Equal([Id("sequential", "s1"), Id("chapter", "ch1"), Course.Root], path);
    }

    [Fact]
    public async Task Patch_SavesPositionsUpTheTree_AsIndexesAmongTheChildrenTheLearnerSees_AndAnswersThePath()
    {
        await using var app = await Course.StartAsync("alice");
        var alice = app.CreateLearnerClient("alice");

        var patched = await PathAsync(await alice.SendAsync(Patch(Visit("html", "h4"))));
        var read = await PathAsync(await alice.GetAsync(Status()));

        Assert.Equal([Id("sequential", "s3"), Id("chapter", "ch2"), Course.Root], patched);
        Assert.Equal(patched, read);
        // ch2's children are sx (staff only) and s3: the learner sees s3 first. Verticals keep no position.
        var positions = await Course.PositionsAsync(app, "alice", Course.Root, Id("chapter", "ch2"), Id("sequential", "s3"), Id("vertical", "v4"));
        Assert.Equal(new Dictionary<string, int> { [Course.Root] = 2, [Id("chapter", "ch2")] = 1, [Id("sequential", "s3")] = 1 }, positions);
    }

    [Fact]
    public async Task Patch_AllPositionsOfOneVisit_AreOneTransaction_AndUnchangedOnesAreNotRewritten()
    {
        await using var app = await Course.StartAsync("alice");
        var alice = app.CreateLearnerClient("alice");

        await PathAsync(await alice.SendAsync(Patch(Visit("vertical", "v2"))));
        await PathAsync(await alice.SendAsync(Patch(Visit("vertical", "v2"))));
        var stored = (await Learner(app, "alice").GetStateAsync(Course.Root))!.Updated;
        await PathAsync(await alice.SendAsync(Patch(Visit("vertical", "v1"))));

        var stats = await Learner(app, "alice").GetWriteStatisticsAsync();
        Assert.Equal(2L, stats.Flushes); // the first visit, and s1's move from 2 to 1
        Assert.Equal(stored, (await Learner(app, "alice").GetStateAsync(Course.Root))!.Updated);
        Assert.Equal(new Dictionary<string, int> { [Id("sequential", "s1")] = 1 }, await Course.PositionsAsync(app, "alice", Id("sequential", "s1")));
    }

    [Fact]
    public async Task Patch_ModificationDateOlderThanTheStoredOne_IsANoOp_ANewerOneIsWritten()
    {
        await using var app = await Course.StartAsync("alice");
        var alice = app.CreateLearnerClient("alice");
        await PathAsync(await alice.SendAsync(Patch(Visit("vertical", "v3"))));

        var older = await PathAsync(await alice.SendAsync(Patch(Visit("vertical", "v4", "2001-01-01T00:00:00+00:00"))));
        var newer = await PathAsync(await alice.SendAsync(Patch(Visit("vertical", "v4", DateTimeOffset.UtcNow.AddHours(1).ToString("O")))));

        Assert.Equal(Id("sequential", "s2"), older[0]);
        Assert.Equal(Id("sequential", "s3"), newer[0]);
    }

    [Fact]
    public async Task Patch_WithoutAModule_WritesNothing_AndAnswersTheStatus()
    {
        await using var app = await Course.StartAsync("alice");

        var path = await PathAsync(await app.CreateLearnerClient("alice").SendAsync(Patch("{}")));

        Assert.Equal(Id("sequential", "s1"), path[0]);
        Assert.Equal(0L, (await Learner(app, "alice").GetWriteStatisticsAsync()).Writes);
    }

    [Theory]
    [InlineData("""{"last_visited_module_id": "block-v1:ActorsX+Pos+2026+type@html+block@h4", "modification_date": "2026-01-01T00:00:00"}""", "modification_date")]
    [InlineData("""{"last_visited_module_id": "block-v1:ActorsX+Pos+2026+type@html+block@h4", "modification_date": "yesterday"}""", "modification_date")]
    [InlineData("""{"last_visited_module_id": "not a key"}""", "last_visited_module_id")]
    [InlineData("""{"last_visited_module_id": 7}""", "last_visited_module_id")]
    [InlineData("""{"last_visited_module_id": "block-v1:ActorsX+Other+2026+type@html+block@h4"}""", "last_visited_module_id")]
    [InlineData("""{"last_visited_module_id": "block-v1:ActorsX+Pos+2026+type@html+block@missing"}""", "last_visited_module_id")]
    [InlineData("""{"last_visited_block_id": "x"}""", "last_visited_block_id")]
    [InlineData("""["x"]""", "body")]
    public async Task Patch_BadBody_Returns400NamingTheField_AndWritesNothing(string body, string field)
    {
        await using var app = await Course.StartAsync("alice");

        var response = await app.CreateLearnerClient("alice").SendAsync(Patch(body));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
        Assert.Equal(0L, (await Learner(app, "alice").GetWriteStatisticsAsync()).Writes);
    }

    [Fact]
    public async Task Patch_FromACrawler_WritesNothing_AndAnswersTheStatusAsItWas()
    {
        await using var app = await Course.StartAsync("alice");
        await EnableCrawlersAsync(app);
        var crawler = app.CreateLearnerClient("alice");
        crawler.DefaultRequestHeaders.UserAgent.ParseAdd(Crawler);

        var path = await PathAsync(await crawler.SendAsync(Patch(Visit("html", "h4"))));

        Assert.Equal(Id("sequential", "s1"), path[0]);
        Assert.Empty(await Course.PositionsAsync(app, "alice", Course.Root));
        Assert.Equal(1L, (await Learner(app, "alice").GetWriteStatisticsAsync()).SkippedCrawlerWrites);
    }

    [Fact]
    public async Task AnotherLearnersStatus_Returns403_AnAdministratorReadsAndWritesIt()
    {
        await using var app = await Course.StartAsync("alice");

        var bob = await app.CreateLearnerClient("bob").GetAsync(Status("alice"));
        var staffWrite = await PathAsync(await app.CreateAdministratorClient().SendAsync(Patch(Visit("vertical", "v4"))));
        var aliceRead = await PathAsync(await app.CreateLearnerClient("alice").GetAsync(Status()));

        await Problem.AssertAsync(bob, HttpStatusCode.Forbidden);
        Assert.Equal(Id("sequential", "s3"), staffWrite[0]);
        Assert.Equal(staffWrite, aliceRead);
    }

    [Fact]
    public async Task OwnStatus_NotEnrolled_Returns403()
    {
        await using var app = await Course.StartAsync();

        var get = await app.CreateLearnerClient("bob").GetAsync(Status("bob"));
        var patch = await app.CreateLearnerClient("bob").SendAsync(Patch(Visit("html", "h1"), "bob"));

        await Problem.AssertAsync(get, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(patch, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Status_OfACourseNotPublished_Returns404()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync("/api/mobile/v4/users/staff/course_status_info/course-v1:ActorsX+None+2026");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
