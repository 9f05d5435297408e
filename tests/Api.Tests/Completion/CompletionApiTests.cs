using System.Net;
using System.Net.Http.Json;
using System.Text;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Students;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Completion;

/// <summary><c>POST /courses/{course_id}/xblock/{usage_key}/handler/publish_completion</c>.</summary>
public sealed class CompletionApiTests
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string Problem1 = "block-v1:Org+Course+Run+type@problem+block@p1";

    private static string Publish(string course = Course, string usageKey = Problem1) =>
        $"/courses/{course}/xblock/{usageKey}/handler/publish_completion";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task EnrollAsync(ApiApplication app, string username, bool isActive = true) =>
        (await app.CreateLearnerClient(username).PostAsync("/api/enrollment/v1/enrollment",
            JsonContent.Create(new { is_active = isActive, course_details = new { course_id = Course } }))).EnsureSuccessStatusCode();

    private static Task<CourseCompletion> CompletionOfAsync(ApiApplication app, string username) =>
        app.Services.GetRequiredService<IGrainFactory>().GetGrain<IStudentModuleGrain>(username).GetCompletionAsync(Course);

    [Fact]
    public async Task Publish_WithoutToken_Returns401()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateClient().PostAsync(Publish(), Json("""{"completion": 1.0}"""));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Publish_Enrolled_Returns200ResultOk_AndStoresTheCompletionWithTheKeysBlockType()
    {
        await using var app = new ApiApplication();
        await EnrollAsync(app, "alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(Publish(), Json("""{"completion": 0.5}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"result":"ok"}""", await response.Content.ReadAsStringAsync());
        var block = Assert.Single((await CompletionOfAsync(app, "alice")).Blocks).Value;
        Assert.Equal((Problem1, "problem", 0.5), (block.BlockKey, block.BlockType, block.Completion));
    }

    [Fact]
    public async Task Publish_NotEnrolled_Returns403_AndStoresNothing()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").PostAsync(Publish(), Json("""{"completion": 1.0}"""));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty((await CompletionOfAsync(app, "alice")).Blocks);
    }

    [Fact]
    public async Task Publish_Unenrolled_Returns403()
    {
        await using var app = new ApiApplication();
        await EnrollAsync(app, "alice");
        await EnrollAsync(app, "alice", isActive: false);

        var response = await app.CreateLearnerClient("alice").PostAsync(Publish(), Json("""{"completion": 1.0}"""));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Publish_AdministratorNotEnrolled_Returns200()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().PostAsync(Publish(), Json("""{"completion": 1.0}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1.0, Assert.Single((await CompletionOfAsync(app, "staff")).Blocks).Value.Completion);
    }

    [Theory]
    [InlineData("""{"completion": 1.5}""")]
    [InlineData("""{"completion": -0.1}""")]
    [InlineData("""{"completion": "1.0"}""")]
    [InlineData("""{"completion": null}""")]
    [InlineData("""{"completion": true}""")]
    [InlineData("""{}""")]
    public async Task Publish_InvalidCompletion_Returns400NamingCompletion(string body)
    {
        await using var app = new ApiApplication();
        await EnrollAsync(app, "alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(Publish(), Json(body));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "completion");
        Assert.Empty((await CompletionOfAsync(app, "alice")).Blocks);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("block-v1:Org+Course+Run+type@problem")]
    [InlineData("block-v1:Org+Other+Run+type@problem+block@p1")]
    [InlineData("block-v1:Org+Course+Run2+type@problem+block@p1")]
    public async Task Publish_UsageKeyInvalidOrOfAnotherCourse_Returns400NamingUsageKey(string usageKey)
    {
        await using var app = new ApiApplication();
        await EnrollAsync(app, "alice");

        var response = await app.CreateLearnerClient("alice").PostAsync(Publish(usageKey: usageKey), Json("""{"completion": 1.0}"""));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "usage_key");
    }

    [Fact]
    public async Task Publish_InvalidCourseId_Returns400NamingCourseId()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").PostAsync(Publish(course: "course-v1:Org+Course"), Json("""{"completion": 1.0}"""));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "course_id");
    }
}
