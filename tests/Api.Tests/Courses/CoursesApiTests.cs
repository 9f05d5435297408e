using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Api.Courses;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Courses;

/// <summary><c>/api/courses/v1/{course_key}</c>: publish (JSON and OLX), overview, delete.</summary>
public sealed class CoursesApiTests
{
    private const string Sample = "course-v1:ActorsX+Intro+2026";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Publish_SampleCourse_Returns202WithTheVersion_AndTheOverviewReflectsIt()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();

        var first = await client.PostAsync($"/api/courses/v1/{Sample}/publish", Json(RepositoryFiles.SampleCourse));
        var second = await client.PostAsync($"/api/courses/v1/{Sample}/publish", Json(RepositoryFiles.SampleCourse));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<PublishResponse>())!.PublishedVersion);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<PublishResponse>())!.PublishedVersion);
        var overview = JsonDocument.Parse(await client.GetStringAsync($"/api/courses/v1/{Sample}/overview")).RootElement;
        Assert.Equal("Introduction to Virtual Actors", overview.GetProperty("display_name").GetString());
        Assert.Equal("ActorsX", overview.GetProperty("org").GetString());
        Assert.Equal(2, overview.GetProperty("published_version").GetInt64());
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("marketing_url").ValueKind);
    }

    [Fact]
    public async Task Publish_ByALearner_Returns403_ButTheCoursePublishScopeMayPublish()
    {
        await using var app = new ApiApplication();

        var learner = await app.CreateLearnerClient("alice").PostAsync($"/api/courses/v1/{Sample}/publish", Json(RepositoryFiles.SampleCourse));
        var studio = await app.CreateClient(app.Services.GetRequiredService<Actors.Api.Auth.TokenIssuer>().Issue("studio", false, ["course:publish"]))
            .PostAsync($"/api/courses/v1/{Sample}/publish", Json(RepositoryFiles.SampleCourse));

        await Problem.AssertAsync(learner, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Accepted, studio.StatusCode);
    }

    [Fact]
    public async Task Publish_InvalidContent_Returns400NamingTheFirstProblems_AndStoresNothing()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();
        var content = System.Text.Json.Nodes.JsonNode.Parse(RepositoryFiles.SampleCourse)!;
        var quiz = content["blocks"]!.AsArray().First(b => b!["id"]!.GetValue<string>().EndsWith("first_quiz", StringComparison.Ordinal))!;
        quiz["children"]![0] = "block-v1:ActorsX+Intro+2026+type@vertical+block@nowhere";
        var body = content.ToJsonString();

        var response = await client.PostAsync($"/api/courses/v1/{Sample}/publish", Json(body));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        var path = Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
        Assert.Matches(@"^blocks\[\d+\]\.children\[0\]$", path);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/courses/v1/{Sample}/overview")).StatusCode);
    }

    [Theory]
    [InlineData("""{"blocks": 5}""", "$.blocks")]
    [InlineData("""{"blocks": []}""", "blocks")]
    public async Task Publish_MalformedBody_Returns400NamingTheField(string body, string field)
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().PostAsync($"/api/courses/v1/{Sample}/publish", Json(body));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
    }

    [Fact]
    public async Task Publish_InvalidCourseKey_Returns400NamingCourseKey()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().PostAsync("/api/courses/v1/course-v1:Bad Key/publish", Json(RepositoryFiles.SampleCourse));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "course_key");
    }

    [Fact]
    public async Task Publish_UnsupportedContentType_Returns415()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().PostAsync($"/api/courses/v1/{Sample}/publish", new StringContent("x", Encoding.UTF8, "text/plain"));

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PublishOlxExport_OfTheDemoCourse_GivesSixChaptersSeventeenSequentialsAndFiftyEightVerticalsInNavigation()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();
        var archive = new ByteArrayContent(RepositoryFiles.DemoCourseArchive());
        archive.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");

        var publish = await client.PostAsync("/api/courses/v1/course-v1:OpenedX+DemoX+DemoCourse/publish", archive);
        Assert.Equal(HttpStatusCode.Accepted, publish.StatusCode);
        var navigation = JsonDocument.Parse(await client.GetStringAsync("/api/course_home/v1/navigation/course-v1:OpenedX+DemoX+DemoCourse")).RootElement;

        var types = navigation.GetProperty("blocks").EnumerateObject().Select(b => b.Value.GetProperty("type").GetString()).ToList();
        Assert.Equal(1, types.Count(t => t == "course"));
        Assert.Equal(6, types.Count(t => t == "chapter"));
        Assert.Equal(17, types.Count(t => t == "sequential"));
        Assert.Equal(58, types.Count(t => t == "vertical"));
    }

    [Fact]
    public async Task PublishOlxExport_WhoseCourseXmlNamesAnotherCourse_IsReKeyedIntoTheRouteCourse_AsStudioImports()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();
        var archive = new ByteArrayContent(RepositoryFiles.DemoCourseArchive());
        archive.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");

        var response = await client.PostAsync($"/api/courses/v1/{Sample}/publish", archive);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var navigation = JsonDocument.Parse(await client.GetStringAsync($"/api/course_home/v1/navigation/{Sample}")).RootElement;
        var ids = navigation.GetProperty("blocks").EnumerateObject().Select(b => b.Name).ToList();
        Assert.Equal(82, ids.Count);
        Assert.All(ids, id => Assert.StartsWith("block-v1:ActorsX+Intro+2026+type@", id, StringComparison.Ordinal));
        Assert.Contains("block-v1:ActorsX+Intro+2026+type@course+block@course", ids);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/courses/v1/course-v1:OpenedX+DemoX+DemoCourse/overview")).StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheCourse()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();
        await client.PostAsync($"/api/courses/v1/{Sample}/publish", Json(RepositoryFiles.SampleCourse));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/courses/v1/{Sample}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/courses/v1/{Sample}/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/course_home/v1/navigation/{Sample}")).StatusCode);
        await Problem.AssertAsync(await client.DeleteAsync($"/api/courses/v1/{Sample}"), HttpStatusCode.NotFound);
    }
}
