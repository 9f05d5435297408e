using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Courses;

/// <summary><c>GET /api/course_home/v1/progress/{course_key}/{username}</c> on the sample course, whose graded "First
/// quiz" holds a one-point problem (check_owner) and a two-point one (check_hosting: two response inputs).</summary>
public sealed class ProgressApiTests
{
    private const string Course = "course-v1:ActorsX+Intro+2026";
    private const string Prefix = "block-v1:ActorsX+Intro+2026+type@";
    private const string Owner = Prefix + "problem+block@check_owner";
    private const string Hosting = Prefix + "problem+block@check_hosting";

    // Every field Open edX's SubsectionScoresSerializer writes.
    private static readonly string[] SubsectionFields =
    [
        "assignment_type", "block_key", "display_name", "has_graded_assignment", "learner_has_access", "num_points_earned",
        "num_points_possible", "override", "percent_graded", "problem_scores", "show_correctness", "show_grades", "url",
    ];

    private static string Progress(string username) => $"/api/course_home/v1/progress/{Course}/{username}";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<ApiApplication> PublishedAsync(string? course = null)
    {
        var app = new ApiApplication();
        await PublishAsync(app, course ?? RepositoryFiles.SampleCourse);
        return app;
    }

    private static async Task PublishAsync(ApiApplication app, string course)
    {
        var response = await app.CreateAdministratorClient().PostAsync($"/api/courses/v1/{Course}/publish", Json(course));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<HttpClient> EnrolledLearnerAsync(ApiApplication app, string username)
    {
        var client = app.CreateLearnerClient(username);
        var enroll = await client.PostAsync("/api/enrollment/v1/enrollment",
            Json($$$"""{"user": "{{{username}}}", "mode": "audit", "is_active": true, "course_details": {"course_id": "{{{Course}}}"}}"""));
        Assert.Equal(HttpStatusCode.OK, enroll.StatusCode);
        return client;
    }

    private static async Task SetScoreAsync(HttpClient client, string username, string usageKey, double earned, double possible)
    {
        var response = await client.PutAsync($"/api/courseware/v1/state/{username}/{usageKey}",
            Json($$$"""{"attempts": 1, "score": {"raw_earned": {{{earned}}}, "raw_possible": {{{possible}}}}}"""));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string username) =>
        JsonDocument.Parse(await client.GetStringAsync(Progress(username))).RootElement.Clone();

    private static JsonElement Quiz(JsonElement progress) =>
        progress.GetProperty("section_scores")[0].GetProperty("subsections").EnumerateArray()
            .Single(s => s.GetProperty("block_key").GetString() == Prefix + "sequential+block@first_quiz");

    private static (double Earned, double Possible)[] ProblemScores(JsonElement subsection) =>
        subsection.GetProperty("problem_scores").EnumerateArray()
            .Select(p => (p.GetProperty("earned").GetDouble(), p.GetProperty("possible").GetDouble())).ToArray();

    private static (double Earned, double Possible) Points(JsonElement subsection) =>
        (subsection.GetProperty("num_points_earned").GetDouble(), subsection.GetProperty("num_points_possible").GetDouble());

    /// <summary>The sample course with <paramref name="change"/> applied to the block <paramref name="id"/>.</summary>
    private static string SampleWith(string id, Action<JsonNode> change)
    {
        var course = JsonNode.Parse(RepositoryFiles.SampleCourse)!;
        change(course["blocks"]!.AsArray().First(b => b!["id"]!.GetValue<string>() == id)!);
        return course.ToJsonString();
    }

    [Fact]
    public async Task EnrolledLearner_GetsOpenEdxShape_WithCollectedMaxScores()
    {
        await using var app = await PublishedAsync();
        var alice = await EnrolledLearnerAsync(app, "alice");

        var response = await alice.GetAsync(Progress("alice"));
        var progress = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("X-Block-Structure-Version").Single());
        Assert.Equal("alice", progress.GetProperty("username").GetString());
        Assert.Equal("audit", progress.GetProperty("enrollment_mode").GetString());
        Assert.Equal(["Getting started", "Going further"], progress.GetProperty("section_scores").EnumerateArray().Select(s => s.GetProperty("display_name").GetString()));
        var quiz = Quiz(progress);
        Assert.Equal(SubsectionFields.Order(), quiz.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("First quiz", quiz.GetProperty("display_name").GetString());
        Assert.Equal("Homework", quiz.GetProperty("assignment_type").GetString());
        Assert.True(quiz.GetProperty("has_graded_assignment").GetBoolean());
        Assert.Equal([(0.0, 1.0), (0.0, 2.0)], ProblemScores(quiz));
        Assert.Equal((0.0, 3.0), Points(quiz));
        Assert.Equal(3, progress.GetProperty("course_totals").GetProperty("num_points_possible").GetDouble());
    }

    [Fact]
    public async Task LearnersScores_OverrideTheCollectedMaxScore_AndSum()
    {
        await using var app = await PublishedAsync();
        var alice = await EnrolledLearnerAsync(app, "alice");
        await SetScoreAsync(alice, "alice", Owner, 2, 3);
        await SetScoreAsync(alice, "alice", Hosting, 1, 1); // collected: 2 points; the learner's max_grade wins

        var progress = await GetAsync(alice, "alice");

        var quiz = Quiz(progress);
        Assert.Equal([(2.0, 3.0), (1.0, 1.0)], ProblemScores(quiz));
        Assert.Equal((3.0, 4.0), Points(quiz));
        Assert.Equal(0.75, quiz.GetProperty("percent_graded").GetDouble());
        var totals = progress.GetProperty("course_totals");
        Assert.Equal((3.0, 4.0), (totals.GetProperty("num_points_earned").GetDouble(), totals.GetProperty("num_points_possible").GetDouble()));
    }

    [Fact]
    public async Task PublishChangingAProblemsMaxScore_ChangesProgress_OnceTheRebuildFinishes()
    {
        await using var app = await PublishedAsync();
        var alice = await EnrolledLearnerAsync(app, "alice");
        Assert.Equal([(0.0, 1.0), (0.0, 2.0)], ProblemScores(Quiz(await GetAsync(alice, "alice"))));

        await PublishAsync(app, SampleWith(Hosting, block => block["data"] =
            "<problem><stringresponse answer=\"silo\"><textline/></stringresponse><numericalresponse answer=\"2\"><textline/></numericalresponse>" +
            "<stringresponse answer=\"grain\"><textline/></stringresponse></problem>"));

        await Eventually.Async(async () =>
            (await alice.GetAsync(Progress("alice"))).Headers.GetValues("X-Block-Structure-Version").Single() == "2");
        var quiz = Quiz(await GetAsync(alice, "alice"));
        Assert.Equal([(0.0, 1.0), (0.0, 3.0)], ProblemScores(quiz));
        Assert.Equal((0.0, 4.0), Points(quiz));
    }

    [Fact]
    public async Task ScoredNonProblemBlocks_CountInProgressAndInNavigationsQuestions()
    {
        const string dragAndDrop = Prefix + "drag-and-drop-v2+block@dnd";
        var course = JsonNode.Parse(RepositoryFiles.SampleCourse)!;
        var blocks = course["blocks"]!.AsArray();
        blocks.Add(new JsonObject { ["id"] = dragAndDrop, ["type"] = "drag-and-drop-v2", ["display_name"] = "Drag", ["weight"] = 4 });
        blocks.First(b => b!["id"]!.GetValue<string>() == Prefix + "vertical+block@check2")!["children"]!.AsArray().Add(dragAndDrop);
        await using var app = await PublishedAsync(course.ToJsonString());
        var alice = await EnrolledLearnerAsync(app, "alice");
        await SetScoreAsync(alice, "alice", dragAndDrop, 0.5, 1);

        var quiz = Quiz(await GetAsync(alice, "alice"));
        var navigation = JsonDocument.Parse(await alice.GetStringAsync("/api/course_home/v1/navigation/" + Course)).RootElement;

        Assert.Equal([(0.0, 1.0), (0.0, 2.0), (2.0, 4.0)], ProblemScores(quiz));
        Assert.Equal((2.0, 7.0), Points(quiz));
        Assert.Equal("First quiz (3 Questions)",
            navigation.GetProperty("blocks").GetProperty(Prefix + "sequential+block@first_quiz").GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task LearnerNotEnrolled_Gets401UserNotEnrolled_AsOpenEdx()
    {
        await using var app = await PublishedAsync();

        var response = await app.CreateLearnerClient("mallory").GetAsync(Progress("mallory"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("User not enrolled.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Staff_SeeAnyUsersProgress_EnrolledOrNot()
    {
        await using var app = await PublishedAsync();
        var alice = await EnrolledLearnerAsync(app, "alice");
        await SetScoreAsync(alice, "alice", Owner, 1, 1);
        var staff = app.CreateAdministratorClient();

        var aliceProgress = await GetAsync(staff, "alice");
        var bob = await GetAsync(staff, "bob");

        Assert.Equal((1.0, 3.0), Points(Quiz(aliceProgress)));
        Assert.Equal((0.0, 3.0), Points(Quiz(bob)));
        Assert.Equal(JsonValueKind.Null, bob.GetProperty("enrollment_mode").ValueKind);
        // Staff see the staff-only unit's subsection too, as Open edX's staff do.
        Assert.Equal(2, bob.GetProperty("section_scores").GetArrayLength());
    }

    [Fact]
    public async Task AnotherLearnersProgress_IsForbidden()
    {
        await using var app = await PublishedAsync();
        await EnrolledLearnerAsync(app, "alice");

        var response = await (await EnrolledLearnerAsync(app, "eve")).GetAsync(Progress("alice"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task UnpublishedCourse_Returns404()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync("/api/course_home/v1/progress/course-v1:ActorsX+Nothing+2026/alice");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InvalidCourseKey_Returns400NamingCourseKey()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync("/api/course_home/v1/progress/not-a-key/alice");

        Assert.NotEmpty(Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "course_key"));
    }
}
