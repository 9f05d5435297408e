using System.Net;
using Actors.Api.Tests.Infrastructure;
using static Actors.Api.Tests.Positions.PositionsCourse;

namespace Actors.Api.Tests.Positions;

/// <summary><c>POST /courses/{course_id}/xblock/{sequence_key}/handler/get_completion</c>: whether a unit is complete,
/// from the completions <c>publish_completion</c> writes (Open edX's <c>vertical_is_complete</c>: every completable block
/// at 1.0; discussions excluded).</summary>
public sealed class GetCompletionApiTests
{
    private static readonly PositionsCourse Course = new(Default);

    private static string GetCompletion(string sequence) => $"/courses/{Course.Key}/xblock/{Course.Id("sequential", sequence)}/handler/get_completion";

    private static async Task PublishCompletionAsync(HttpClient client, string type, string id, double completion) =>
        (await client.PostAsync($"/courses/{Course.Key}/xblock/{Course.Id(type, id)}/handler/publish_completion",
            Json($$"""{"completion": {{completion.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"""))).EnsureSuccessStatusCode();

    private static async Task<string> CompleteAsync(HttpClient client, string sequence, string unit)
    {
        var response = await client.PostAsync(GetCompletion(sequence), Json($$"""{"usage_key": "{{Course.Id("vertical", unit)}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task GetCompletion_IsCompleteOnlyOnceEveryCompletableBlockOfTheUnitIsAtOne()
    {
        await using var app = await Course.StartAsync("alice");
        var alice = app.CreateLearnerClient("alice");

        var none = await CompleteAsync(alice, "s1", "v1");
        await PublishCompletionAsync(alice, "html", "h1", 1.0);
        await PublishCompletionAsync(alice, "problem", "p1", 0.5);
        var partly = await CompleteAsync(alice, "s1", "v1");
        await PublishCompletionAsync(alice, "problem", "p1", 1.0);
        var all = await CompleteAsync(alice, "s1", "v1");

        Assert.Equal("""{"complete":false}""", none);
        Assert.Equal("""{"complete":false}""", partly);
        Assert.Equal("""{"complete":true}""", all);
    }

    [Fact]
    public async Task GetCompletion_LeavesDiscussionsOut()
    {
        await using var app = await Course.StartAsync("alice");
        var alice = app.CreateLearnerClient("alice");

        await PublishCompletionAsync(alice, "html", "h2", 1.0);

        Assert.Equal("""{"complete":true}""", await CompleteAsync(alice, "s1", "v2"));
    }

    [Theory]
    [InlineData("""{"usage_key": "block-v1:ActorsX+Pos+2026+type@vertical+block@v3"}""", "usage_key")] // a unit of s2
    [InlineData("""{"usage_key": "block-v1:ActorsX+Pos+2026+type@html+block@h1"}""", "usage_key")] // not a unit
    [InlineData("""{"usage_key": "block-v1:ActorsX+Other+2026+type@vertical+block@v1"}""", "usage_key")]
    [InlineData("""{"usage_key": 3}""", "usage_key")]
    [InlineData("""{}""", "usage_key")]
    [InlineData("""{"usage_key": "block-v1:ActorsX+Pos+2026+type@vertical+block@v1", "x": 1}""", "x")]
    public async Task GetCompletion_BadUnit_Returns400NamingTheField(string body, string field)
    {
        await using var app = await Course.StartAsync("alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(GetCompletion("s1"), Json(body));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
    }

    [Fact]
    public async Task GetCompletion_SequenceNotInThePublishedCourse_Returns404()
    {
        await using var app = await Course.StartAsync("alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(GetCompletion("nope"),
            Json($$"""{"usage_key": "{{Course.Id("vertical", "v1")}}"}"""));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetCompletion_NotEnrolled_Returns403_AdministratorReadsTheirOwn()
    {
        await using var app = await Course.StartAsync();
        var body = $$"""{"usage_key": "{{Course.Id("vertical", "v1")}}"}""";

        var learner = await app.CreateLearnerClient("bob").PostAsync(GetCompletion("s1"), Json(body));
        var staff = await app.CreateAdministratorClient().PostAsync(GetCompletion("s1"), Json(body));

        await Problem.AssertAsync(learner, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Equal("""{"complete":false}""", await staff.Content.ReadAsStringAsync());
    }
}
