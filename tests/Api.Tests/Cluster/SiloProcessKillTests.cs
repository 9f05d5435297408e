using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Actors.TestSupport.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace Actors.Api.Tests.Cluster;

/// <summary>
/// The deployment shape as real processes: three <c>src/Silo</c> processes and the API as a cluster client, on a
/// throwaway PostgreSQL. An invalid publish is refused with its problem list; then one silo is killed with SIGKILL
/// while learners write completions.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class SiloProcessKillTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Course = "course-v1:ActorsX+Intro+2026";
    private const string Prefix = "block-v1:ActorsX+Intro+2026+type@";
    private const string StateBlock = "problem+block@check_owner";
    private static readonly string[] Blocks =
        ["html+block@welcome_text", "problem+block@check_owner", "html+block@intro_notes", "problem+block@check_hosting"];

    [Fact]
    public async Task SigkillOfASiloUnderLoad_LosesNoAcknowledgedWrite_AndTheOthersKeepServing()
    {
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 1; i <= 3; i++)
                silos.Add(await SiloProcess.StartAsync($"silo-{i}", database.ConnectionString));
            var workingDirectory = Directory.CreateTempSubdirectory("actors-cluster-api-").FullName;
            await using var api = await ApiProcess.StartAsync(workingDirectory, new Dictionary<string, string>
            {
                ["ConnectionStrings__Actors"] = database.ConnectionString,
                ["Actors__Cluster__Enabled"] = "true",
                ["Jwt__Secret"] = ApiApplication.Secret,
                ["Jwt__Issuer"] = ApiApplication.Issuer,
                ["Jwt__Audience"] = ApiApplication.Audience,
            });
            var tokens = new TokenIssuer(ApiApplication.JwtOptions, TimeProvider.System);
            using var admin = Client(api, tokens.Issue("staff", administrator: true));
            await Eventually.Async(async () => await ActiveSilosAsync(admin) == 3);

            // The admin endpoints that ask every silo through the management grain's control commands work from a client.
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/api/grains")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/api/courses/rebuilds")).StatusCode);
            // Invalid content: the course grain's CourseContentException crosses from a silo process with its problem list.
            var invalid = System.Text.Json.Nodes.JsonNode.Parse(RepositoryFiles.SampleCourse)!;
            invalid["blocks"]!.AsArray().First(b => b!["type"]!.GetValue<string>() == "chapter")!["children"]![0] = Prefix + "vertical+block@nowhere";
            var rejected = await Problem.AssertAsync(await admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(invalid.ToJsonString())), HttpStatusCode.BadRequest);
            Assert.Matches(@"^blocks\[\d+\]\.children\[0\]$", Assert.Single(rejected.GetProperty("errors").EnumerateObject()).Name);
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(RepositoryFiles.SampleCourse))).StatusCode);

            await Eventually.Async(async () => (await admin.GetStringAsync("/admin/api/courses/rebuilds")).Contains(Course, StringComparison.Ordinal));
            var learners = Enumerable.Range(0, 24).Select(i => $"learner{i}").ToArray();
            foreach (var learner in learners)
            {
                using var client = Client(api, tokens.Issue(learner, administrator: false));
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/enrollment/v1/enrollment",
                    Json($$$"""{"course_details": {"course_id": "{{{Course}}}"}}"""))).StatusCode);
            }

            // Writers: each learner records rising completions, and every fourth step its courseware state (a group-committed
            // StudentModule write); every 200 or 204 is an acknowledged write.
            var acknowledged = new ConcurrentDictionary<(string Learner, string Block), double>();
            var acknowledgedState = new ConcurrentDictionary<string, int>();
            var outcomes = new ConcurrentDictionary<string, int>();
            using var stop = new CancellationTokenSource();
            var writers = learners.Select(learner => Task.Run(async () =>
            {
                using var client = Client(api, tokens.Issue(learner, administrator: false));
                for (var step = 1; !stop.IsCancellationRequested; step++)
                {
                    if (step % 4 == 0)
                    {
                        using var put = await client.PutAsync($"/api/courseware/v1/state/{learner}/{Prefix}{StateBlock}",
                            Json(FormattableString.Invariant($$"""{"step": {{step}}}""")));
                        var putBody = await put.Content.ReadAsStringAsync();
                        outcomes.AddOrUpdate(((int)put.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                        if (put.StatusCode == HttpStatusCode.NoContent)
                            acknowledgedState[learner] = step;
                        else
                            Assert.True(put.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout && putBody.Contains("\"title\"", StringComparison.Ordinal),
                                $"{learner}: {(int)put.StatusCode} {putBody}");
                        continue;
                    }

                    var block = Blocks[step % Blocks.Length];
                    var completion = Math.Min(1.0, step / 1000.0);
                    using var response = await client.PostAsync($"/courses/{Course}/xblock/{Prefix}{block}/handler/publish_completion",
                        Json(FormattableString.Invariant($$"""{"completion": {{completion}}}""")));
                    var body = await response.Content.ReadAsStringAsync();
                    outcomes.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                    if (response.StatusCode == HttpStatusCode.OK)
                        acknowledged[(learner, block)] = completion;
                    else
                        Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout && body.Contains("\"title\"", StringComparison.Ordinal),
                            $"{learner}: {(int)response.StatusCode} {body}");
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(1));
            var victim = silos[1];
            victim.Kill();
            await Eventually.Async(async () => await ActiveSilosAsync(admin) == 2);
            await Task.Delay(TimeSpan.FromSeconds(1)); // writes keep landing on the survivors
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            output.WriteLine($"HTTP outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key))}; acknowledged (learner, block) pairs: {acknowledged.Count}; learners with acknowledged state: {acknowledgedState.Count}");
            Assert.NotEmpty(acknowledgedState);
            Assert.True(outcomes.GetValueOrDefault("200") > 100, $"outcomes: {string.Join(", ", outcomes)}");
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            foreach (var ((learner, block), completion) in acknowledged)
            {
                await using var read = new NpgsqlCommand(
                    "select completion from block_completion where username = @u and context_key = @c and block_key = @b", connection);
                read.Parameters.AddWithValue("u", learner);
                read.Parameters.AddWithValue("c", Course);
                read.Parameters.AddWithValue("b", Prefix + block);
                var stored = (double?)await read.ExecuteScalarAsync();
                Assert.True(stored >= completion, $"{learner} {block}: acknowledged {completion}, stored {stored?.ToString() ?? "nothing"}");
            }

            foreach (var (learner, step) in acknowledgedState)
            {
                await using var read = new NpgsqlCommand(
                    "select state from student_module where username = @u and course_id = @c and module_id = @m", connection);
                read.Parameters.AddWithValue("u", learner);
                read.Parameters.AddWithValue("c", Course);
                read.Parameters.AddWithValue("m", Prefix + StateBlock);
                var state = (string?)await read.ExecuteScalarAsync();
                var stored = state is null ? 0 : System.Text.Json.JsonDocument.Parse(state).RootElement.GetProperty("step").GetInt32();
                Assert.True(stored >= step, $"{learner}: state acknowledged at step {step}, stored {state ?? "nothing"}");
            }
        }
        finally
        {
            foreach (var silo in silos)
                await silo.DisposeAsync();
        }
    }

    private static async Task<int> ActiveSilosAsync(HttpClient admin) =>
        JsonDocument.Parse(await admin.GetStringAsync("/admin/api/silos")).RootElement.EnumerateArray()
            .Count(silo => silo.GetProperty("status").GetString() == "Active");

    private static HttpClient Client(ApiProcess api, string token)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
