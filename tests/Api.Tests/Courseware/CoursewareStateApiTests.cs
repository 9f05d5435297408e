using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Api.Admin;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Courseware;

/// <summary><c>/api/courseware/v1/state/{username}</c>: the user-state client over REST (embedded silo, SQLite).</summary>
public sealed class CoursewareStateApiTests
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string P1 = "block-v1:Org+Course+Run+type@problem+block@p1";
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private const string LibProblem = "lb:Org:lib1:problem:lp1";
    private const string Crawler = "edX-downloader/1.2";

    private static string State(string username, string usageKey = P1) => $"/api/courseware/v1/state/{username}/{usageKey}";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Put_ThenGet_AnswersTheXBlockUserStateRecord()
    {
        await using var app = new ApiApplication();
        var alice = app.CreateLearnerClient("alice");

        var put = await alice.PutAsync(State("alice"), Json("""{"attempts": 1, "student_answers": {"q1": "a"}}"""));
        var record = await JsonOfAsync(await alice.GetAsync(State("alice")));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(["username", "block_key", "state", "updated", "scope"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("alice", P1, "user_state"), (record.GetProperty("username").GetString(), record.GetProperty("block_key").GetString(),
            record.GetProperty("scope").GetString()));
        Assert.Equal(1, record.GetProperty("state").GetProperty("attempts").GetInt32());
        Assert.Equal("a", record.GetProperty("state").GetProperty("student_answers").GetProperty("q1").GetString());
        Assert.True(record.GetProperty("updated").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Get_FieldsFilter_Delete_SomeFields_ThenAll_AndHistory()
    {
        await using var app = new ApiApplication();
        var alice = app.CreateLearnerClient("alice");
        (await alice.PutAsync(State("alice"), Json("""{"a": 1, "b": 2, "c": 3}"""))).EnsureSuccessStatusCode();

        var filtered = await JsonOfAsync(await alice.GetAsync(State("alice") + "?fields=a,c,zzz"));
        (await alice.DeleteAsync(State("alice") + "?fields=a")).EnsureSuccessStatusCode();
        var afterFieldDelete = await JsonOfAsync(await alice.GetAsync(State("alice")));
        (await alice.DeleteAsync(State("alice"))).EnsureSuccessStatusCode();
        var afterDelete = await alice.GetAsync(State("alice"));
        var history = await JsonOfAsync(await alice.GetAsync(State("alice") + "/history"));

        Assert.Equal(["a", "c"], filtered.GetProperty("state").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["b", "c"], afterFieldDelete.GetProperty("state").EnumerateObject().Select(p => p.Name));
        await Problem.AssertAsync(afterDelete, HttpStatusCode.NotFound);
        Assert.Equal(3, history.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("state").ValueKind);
        Assert.Equal(["b", "c"], history[1].GetProperty("state").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Get_NeverWritten_Returns404_AndHistoryOfANonProblemBlock_Returns404()
    {
        await using var app = new ApiApplication();
        var alice = app.CreateLearnerClient("alice");
        (await alice.PutAsync(State("alice", Seq), Json("""{"position": 2}"""))).EnsureSuccessStatusCode();

        await Problem.AssertAsync(await alice.GetAsync(State("alice")), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await alice.GetAsync(State("alice") + "/history"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await alice.GetAsync(State("alice", Seq) + "/history"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SetMany_ThenGetMany_AnswersAnArrayOfThePresentBlocks_InOrder()
    {
        await using var app = new ApiApplication();
        var alice = app.CreateLearnerClient("alice");

        var set = await alice.PostAsync("/api/courseware/v1/state/alice/set_many",
            Json($$$"""{"{{{P1}}}": {"a": 1}, "{{{LibProblem}}}": {"b": 2}, "{{{Seq}}}": {}}"""));
        var many = await JsonOfAsync(await alice.PostAsync("/api/courseware/v1/state/alice/get_many",
            Json($$"""{"block_keys": ["{{LibProblem}}", "{{Seq}}", "{{P1}}"], "fields": ["a", "b"]}""")));

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal([LibProblem, P1], many.EnumerateArray().Select(r => r.GetProperty("block_key").GetString()));
    }

    [Fact]
    public async Task Learner_ReachesOnlyTheirOwnState_AndAnAdministratorEveryone()
    {
        await using var app = new ApiApplication();
        (await app.CreateLearnerClient("alice").PutAsync(State("alice"), Json("""{"a": 1}"""))).EnsureSuccessStatusCode();

        var bobReads = await app.CreateLearnerClient("bob").GetAsync(State("alice"));
        var bobWrites = await app.CreateLearnerClient("bob").PutAsync(State("alice"), Json("""{"a": 2}"""));
        var anonymous = await app.CreateClient().GetAsync(State("alice"));
        var staff = await JsonOfAsync(await app.CreateAdministratorClient().GetAsync(State("alice")));

        await Problem.AssertAsync(bobReads, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(bobWrites, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal(1, staff.GetProperty("state").GetProperty("a").GetInt32());
    }

    public static TheoryData<string, string, string, string> BadRequests => new()
    {
        { "PUT", "block-v1:Org+Course+Run+type@problem", "{}", "usage_key" },
        { "PUT", "course-v1:Org+Course+Run", "{}", "usage_key" },
        { "PUT", P1, "[1]", "state" },
        { "PUT", P1, "\"x\"", "state" },
        { "PUT", P1, $$"""{"big": "{{new string('x', 300)}}"}""", "state" },
        { "PUT", P1, """{"score": {"raw_earned": "all"}}""", "score" },
        { "SET_MANY", "", $$$"""{"{{{Seq}}}": {"a": 1}, "not-a-key": {"a": 1}}""", "not-a-key" },
        { "SET_MANY", "", $$"""{"{{Seq}}": {"a": 1}, "{{P1}}": 5}""", P1 },
        { "SET_MANY", "", $$$"""{"{{{Seq}}}": {"a": 1}, "{{{P1}}}": {"big": "{{{new string('x', 300)}}}"}}""", P1 },
        { "SET_MANY", "", "[]", "body" },
        { "GET_MANY", "", $$"""{"block_keys": ["{{Seq}}"], "field": ["a"]}""", "field" },
        { "GET_MANY", "", """{"block_keys": ["nope"]}""", "block_keys[0]" },
        { "GET_MANY", "", """{"fields": ["a"]}""", "block_keys" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_Returns400NamingTheField_AndWritesNothing(string method, string usageKey, string body, string field)
    {
        await using var app = new ApiApplication(settings: new Dictionary<string, string> { ["Actors:Students:MaxStateBytes"] = "200" });
        var alice = app.CreateLearnerClient("alice");

        var response = method switch
        {
            "PUT" => await alice.PutAsync(State("alice", usageKey), Json(body)),
            "SET_MANY" => await alice.PostAsync("/api/courseware/v1/state/alice/set_many", Json(body)),
            _ => await alice.PostAsync("/api/courseware/v1/state/alice/get_many", Json(body)),
        };

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
        await Problem.AssertAsync(await alice.GetAsync(State("alice", Seq)), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await alice.GetAsync(State("alice", P1)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CrawlerWrites_OnEveryWriteRoute_AnswerSuccess_AndChangeNothing_WhileReadsWork()
    {
        await using var app = new ApiApplication();
        var admin = app.CreateAdministratorClient();
        (await admin.PutAsJsonAsync("/admin/api/crawlers", new CrawlersConfigRequest(true, "edX-downloader"))).EnsureSuccessStatusCode();
        var alice = app.CreateLearnerClient("alice");
        (await alice.PostAsync("/api/enrollment/v1/enrollment", JsonContent.Create(new { course_details = new { course_id = Course } }))).EnsureSuccessStatusCode();
        (await alice.PutAsync(State("alice"), Json("""{"attempts": 1}"""))).EnsureSuccessStatusCode();
        var crawler = app.CreateLearnerClient("alice");
        crawler.DefaultRequestHeaders.UserAgent.ParseAdd(Crawler);

        var answers = new[]
        {
            await crawler.PutAsync(State("alice"), Json("""{"attempts": 9}""")),
            await crawler.PutAsync(State("alice", Seq), Json("""{"position": 3}""")),
            await crawler.DeleteAsync(State("alice")),
            await crawler.DeleteAsync(State("alice") + "?fields=attempts"),
            await crawler.PostAsync("/api/courseware/v1/state/alice/set_many", Json($$$"""{"{{{P1}}}": {"attempts": 8}, "{{{Seq}}}": {"position": 4}}""")),
            await crawler.PostAsync($"/courses/{Course}/xblock/{P1}/handler/publish_completion", Json("""{"completion": 1.0}""")),
            await crawler.PostAsync("/api/enrollment/v1/enrollment",
                JsonContent.Create(new { is_active = false, course_details = new { course_id = Course } })),
        };
        var read = await JsonOfAsync(await crawler.GetAsync(State("alice")));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{a.RequestMessage!.Method} {a.RequestMessage.RequestUri}: {a.StatusCode}"));
        Assert.Equal(1, read.GetProperty("state").GetProperty("attempts").GetInt32());
        await Problem.AssertAsync(await alice.GetAsync(State("alice", Seq)), HttpStatusCode.NotFound);
        Assert.Single((await JsonOfAsync(await alice.GetAsync(State("alice") + "/history"))).EnumerateArray());
        var enrollment = await JsonOfAsync(await alice.GetAsync($"/api/enrollment/v1/enrollment/alice,{Course}"));
        Assert.True(enrollment.GetProperty("is_active").GetBoolean());
        var grain = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IGrainFactory>(app.Services)
            .GetGrain<Actors.Grains.Students.IStudentModuleGrain>("alice");
        Assert.Empty((await grain.GetCompletionAsync(Course)).Blocks);
        Assert.Equal(7, (await grain.GetWriteStatisticsAsync()).SkippedCrawlerWrites);
    }
}
