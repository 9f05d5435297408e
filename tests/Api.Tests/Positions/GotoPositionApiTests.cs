using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Positions.PositionsCourse;

namespace Actors.Api.Tests.Positions;

/// <summary><c>POST /courses/{course_id}/xblock/{usage_key}/handler/goto_position</c>: the sequence's <c>position</c> in
/// the learner's StudentModule state.</summary>
public sealed class GotoPositionApiTests
{
    private static readonly PositionsCourse Course = new(Default);
    private static readonly string S1 = Course.Id("sequential", "s1");

    private static string Goto(string usageKey) => $"/courses/{Course.Key}/xblock/{usageKey}/handler/goto_position";

    [Fact]
    public async Task GotoPosition_Enrolled_Returns200Success_AndStoresThePositionInTheSequencesState()
    {
        await using var app = await Course.StartAsync("alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(Goto(S1), Json("""{"position": 2}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("""{"position":2}""", (await Learner(app, "alice").GetStateAsync(S1))!.State);
    }

    [Fact]
    public async Task GotoPosition_SamePositionAgain_IsNotRewritten()
    {
        await using var app = await Course.StartAsync("alice");
        var alice = app.CreateLearnerClient("alice");
        (await alice.PostAsync(Goto(S1), Json("""{"position": 2}"""))).EnsureSuccessStatusCode();
        var stored = (await Learner(app, "alice").GetStateAsync(S1))!.Updated;

        var again = await alice.PostAsync(Goto(S1), Json("""{"position": 2}"""));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(stored, (await Learner(app, "alice").GetStateAsync(S1))!.Updated);
        Assert.Equal(1L, (await Learner(app, "alice").GetWriteStatisticsAsync()).Flushes);
    }

    [Theory]
    [InlineData("""{"position": 0}""", "position")]
    [InlineData("""{"position": -1}""", "position")]
    [InlineData("""{"position": 1.5}""", "position")]
    [InlineData("""{"position": "two"}""", "position")]
    [InlineData("""{"position": null}""", "position")]
    [InlineData("""{"position": true}""", "position")]
    [InlineData("""{}""", "position")]
    [InlineData("""[2]""", "body")]
    [InlineData("""{"position": 2, "seen": true}""", "seen")]
    public async Task GotoPosition_BadBody_Returns400NamingTheField_AndWritesNothing(string body, string field)
    {
        await using var app = await Course.StartAsync("alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(Goto(S1), Json(body));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
        Assert.Null(await Learner(app, "alice").GetStateAsync(S1));
    }

    [Fact]
    public async Task GotoPosition_PositionAsAStringOfDigits_IsTaken_AsTheLegacyHandlerSent()
    {
        await using var app = await Course.StartAsync("alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(Goto(S1), Json("""{"position": "3"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"position":3}""", (await Learner(app, "alice").GetStateAsync(S1))!.State);
    }

    [Theory]
    [InlineData("block-v1:ActorsX+Pos+2026+type@vertical+block@v1")]
    [InlineData("block-v1:ActorsX+Other+2026+type@sequential+block@s1")]
    [InlineData("not-a-key")]
    public async Task GotoPosition_OnABlockWithoutPositionOrOutsideTheCourse_Returns400NamingUsageKey(string usageKey)
    {
        await using var app = await Course.StartAsync("alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(Goto(usageKey), Json("""{"position": 1}"""));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "usage_key");
        Assert.Equal(0L, (await Learner(app, "alice").GetWriteStatisticsAsync()).Writes);
    }

    [Fact]
    public async Task GotoPosition_NotEnrolled_Returns403_AndWritesNothing()
    {
        await using var app = await Course.StartAsync();

        var response = await app.CreateLearnerClient("bob").PostAsync(Goto(S1), Json("""{"position": 2}"""));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(await Learner(app, "bob").GetStateAsync(S1));
    }

    [Fact]
    public async Task GotoPosition_AdministratorNotEnrolled_Returns200()
    {
        await using var app = await Course.StartAsync();

        var response = await app.CreateAdministratorClient().PostAsync(Goto(S1), Json("""{"position": 2}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"position":2}""", (await Learner(app, "staff").GetStateAsync(S1))!.State);
    }

    [Fact]
    public async Task GotoPosition_FromACrawler_Returns200Success_AndWritesNothing()
    {
        await using var app = await Course.StartAsync("alice");
        await EnableCrawlersAsync(app);
        var crawler = app.CreateLearnerClient("alice");
        crawler.DefaultRequestHeaders.UserAgent.ParseAdd(Crawler);

        var response = await crawler.PostAsync(Goto(S1), Json("""{"position": 2}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true}""", await response.Content.ReadAsStringAsync());
        Assert.Null(await Learner(app, "alice").GetStateAsync(S1));
        Assert.Equal(1L, (await Learner(app, "alice").GetWriteStatisticsAsync()).SkippedCrawlerWrites);
    }
}
