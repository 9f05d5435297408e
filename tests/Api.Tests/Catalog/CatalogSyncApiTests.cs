using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Catalog;

/// <summary><c>/admin/api/catalog/sync</c>: administrators only; a POST starts a run (202) that the GET then shows, and
/// the synced marketing URL reaches the course overview.</summary>
public sealed class CatalogSyncApiTests(CatalogApiFixture host) : IClassFixture<CatalogApiFixture>
{
    private const string Path = "/admin/api/catalog/sync";

    [Fact]
    public async Task Anonymous_Gets401_AndALearner403_OnBothMethods()
    {
        using var anonymous = host.Api.CreateClient();
        using var learner = host.Api.CreateLearnerClient("alice");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.PostAsync(Path, null)).StatusCode);
    }

    [Fact]
    public async Task Post_Answers202_AndTheRunShowsInTheStatus_WithTheUrlInTheOverviewAndTheMobileAboutLink()
    {
        using var admin = host.Api.CreateAdministratorClient();
        using var learner = host.Api.CreateLearnerClient("marta");
        var course = $"course-v1:CatApi+C{Guid.NewGuid():N}+2026";
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/courses/v1/{course}/publish",
            new StringContent(CatalogApiHost.SampleCourseAs(course), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await learner.PostAsync("/api/enrollment/v1/enrollment", new StringContent(
            $$$"""{"course_details": {"course_id": "{{{course}}}"}}""", Encoding.UTF8, "application/json"))).StatusCode);
        var aboutBefore = (await admin.GetFromJsonAsync<JsonElement>($"/api/courses/v1/{course}/overview")).GetProperty("course_about").GetString();
        host.Discovery.SetCatalog([new Dictionary<string, object?> { ["key"] = course, ["marketing_url"] = "https://mktg.test/course/api", ["content_language"] = "en-us" }]);

        using var started = await admin.PostAsync(Path, null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.EndsWith(Path, started.Headers.Location!.ToString(), StringComparison.Ordinal);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("outcome").GetString(), new[] { "started", "joined" });
        var id = body.GetProperty("run").GetProperty("id").GetInt64();

        JsonElement run = default;
        await Eventually.Async(async () =>
        {
            var status = await admin.GetFromJsonAsync<JsonElement>(Path);
            run = status.GetProperty("recent_runs").EnumerateArray().FirstOrDefault(r => r.GetProperty("id").GetInt64() == id);
            return run.ValueKind == JsonValueKind.Object && run.GetProperty("state").GetString() != "running";
        });
        var final = await admin.GetFromJsonAsync<JsonElement>(Path);
        Assert.True(final.GetProperty("enabled").GetBoolean());
        Assert.Equal(100, final.GetProperty("page_size").GetInt32());
        Assert.Equal(3600, final.GetProperty("sync_period_seconds").GetDouble());
        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        Assert.Equal("manual", run.GetProperty("trigger").GetString());
        Assert.Equal((1, 1, 1, 1), (run.GetProperty("pages").GetInt32(), run.GetProperty("found_in_catalog").GetInt32(),
            run.GetProperty("matched").GetInt32(), run.GetProperty("updated").GetInt32()));
        var overview = await admin.GetFromJsonAsync<JsonElement>($"/api/courses/v1/{course}/overview");
        Assert.Equal("https://mktg.test/course/api", overview.GetProperty("marketing_url").GetString());
        Assert.Equal("en-us", overview.GetProperty("language").GetString());
        Assert.EndsWith($"/courses/{course}/about", aboutBefore, StringComparison.Ordinal); // no marketing URL yet: the LMS page
        Assert.Equal("https://mktg.test/course/api", overview.GetProperty("course_about").GetString());
        var mobile = await learner.GetFromJsonAsync<JsonElement>("/api/mobile/v4/users/marta/course_enrollments/");
        Assert.Equal("https://mktg.test/course/api", mobile.GetProperty("primary").GetProperty("course").GetProperty("course_about").GetString());
        Assert.Equal("Bearer catalog-token", host.Discovery.Requests[^1].Authorization);
    }
}

/// <summary>Without <c>Catalog:ApiUrl</c> there is no sync: the status says so and a start is refused.</summary>
public sealed class CatalogSyncDisabledApiTests
{
    [Fact]
    public async Task WithoutAnApiUrl_TheStatusIsDisabled_AndPostIs409()
    {
        await using var api = new ApiApplication();
        using var admin = api.CreateAdministratorClient();

        var status = await admin.GetFromJsonAsync<JsonElement>("/admin/api/catalog/sync");
        var problem = await Problem.AssertAsync(await admin.PostAsync("/admin/api/catalog/sync", null), HttpStatusCode.Conflict);

        Assert.False(status.GetProperty("enabled").GetBoolean());
        Assert.Empty(status.GetProperty("recent_runs").EnumerateArray());
        Assert.Contains("Catalog:ApiUrl", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
