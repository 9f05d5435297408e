using System.Net;
using System.Text;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using Actors.TestSupport.Postgres;

namespace Actors.Api.Tests.Courses;

/// <summary>The course flow with every provider on PostgreSQL (<c>ConnectionStrings:Actors</c> set), including a restart.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresCoursesTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Course = "course-v1:ActorsX+Intro+2026";
    private const string Prefix = "block-v1:ActorsX+Intro+2026+type@";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task PublishEnrollCompleteNavigate_OnPostgres_SurvivesARestart()
    {
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Actors"] = database.ConnectionString };
        await using (var app = new ApiApplication(settings: settings))
        {
            var admin = app.CreateAdministratorClient();
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(RepositoryFiles.SampleCourse))).StatusCode);
            var learner = app.CreateLearnerClient("dana");
            Assert.Equal(HttpStatusCode.OK, (await learner.PostAsync("/api/enrollment/v1/enrollment",
                Json($$$"""{"course_details": {"course_id": "{{{Course}}}"}}"""))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await learner.PostAsync(
                $"/courses/{Course}/xblock/{Prefix}html+block@welcome_text/handler/publish_completion", Json("""{"completion": 1.0}"""))).StatusCode);
        }

        await using var restarted = new ApiApplication(settings: settings);
        var blocks = JsonDocument.Parse(await restarted.CreateLearnerClient("dana").GetStringAsync($"/api/course_home/v1/navigation/{Course}"))
            .RootElement.GetProperty("blocks");

        Assert.Equal(11, blocks.EnumerateObject().Count()); // everything but the staff-only unit
        Assert.True(blocks.GetProperty(Prefix + "vertical+block@welcome").GetProperty("complete").GetBoolean());
    }
}
