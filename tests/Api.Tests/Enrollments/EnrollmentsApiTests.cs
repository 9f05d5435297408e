using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Api.Enrollments;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Enrollments;

/// <summary><c>/api/enrollment/v1</c>: enroll, unenroll, read and list enrollments, in Open edX's shapes.</summary>
public sealed class EnrollmentsApiTests
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string Enroll = "/api/enrollment/v1/enrollment";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static StringContent Body(string? user = null, string? mode = null, bool? isActive = null, string course = Course) =>
        Json(JsonSerializer.Serialize(new EnrollmentRequest(user, mode, isActive, new CourseDetails(course))));

    [Fact]
    public async Task Post_WithoutToken_Returns401()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateClient().PostAsync(Enroll, Body());

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_OwnEnrollment_Returns200InOpenEdxShape()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").PostAsync(Enroll,
            Json("""{"user": "alice", "mode": "verified", "is_active": true, "course_details": {"course_id": "course-v1:Org+Course+Run"}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["created", "mode", "is_active", "course_details", "user"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("verified", body.GetProperty("mode").GetString());
        Assert.True(body.GetProperty("is_active").GetBoolean());
        Assert.Equal(Course, body.GetProperty("course_details").GetProperty("course_id").GetString());
        Assert.Equal("alice", body.GetProperty("user").GetString());
        Assert.True(body.GetProperty("created").TryGetDateTimeOffset(out _));
    }

    [Fact]
    public async Task Post_OnlyCourseDetails_DefaultsToTokensUserAuditAndActive()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").PostAsync(Enroll, Json("""{"course_details": {"course_id": "course-v1:Org+Course+Run"}}"""));

        var enrollment = await response.Content.ReadFromJsonAsync<EnrollmentResponse>();
        Assert.Equal(("alice", "audit", true), (enrollment!.User, enrollment.Mode, enrollment.IsActive));
    }

    [Fact]
    public async Task Post_IsActiveFalse_Unenrolls_KeepingModeAndCreated()
    {
        await using var app = new ApiApplication();
        var client = app.CreateLearnerClient("alice");
        var enrolled = await (await client.PostAsync(Enroll, Body(mode: "verified"))).Content.ReadFromJsonAsync<EnrollmentResponse>();

        var response = await client.PostAsync(Enroll, Json("""{"is_active": false, "course_details": {"course_id": "course-v1:Org+Course+Run"}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var unenrolled = await response.Content.ReadFromJsonAsync<EnrollmentResponse>();
        Assert.Equal(enrolled! with { IsActive = false }, unenrolled);
        var read = await client.GetFromJsonAsync<EnrollmentResponse>($"{Enroll}/alice,{Course}");
        Assert.Equal(unenrolled, read);
    }

    [Fact]
    public async Task Post_ForAnotherLearner_Returns403_AndEnrollsNobody()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").PostAsync(Enroll, Body(user: "bob"));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        var read = await app.CreateAdministratorClient().GetAsync($"{Enroll}/bob,{Course}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Post_AdministratorForAnotherLearner_Returns200()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().PostAsync(Enroll, Body(user: "bob", mode: "honor"));

        var enrollment = await response.Content.ReadFromJsonAsync<EnrollmentResponse>();
        Assert.Equal(("bob", "honor"), (enrollment!.User, enrollment.Mode));
        var read = await app.CreateLearnerClient("bob").GetFromJsonAsync<EnrollmentResponse>($"{Enroll}/bob,{Course}");
        Assert.Equal(enrollment, read);
    }

    [Theory]
    [InlineData("""{"mode": "audit"}""", "course_details.course_id")]
    [InlineData("""{"course_details": {}}""", "course_details.course_id")]
    [InlineData("""{"course_details": {"course_id": "not a key"}}""", "course_details.course_id")]
    [InlineData("""{"course_details": {"course_id": "course-v1:Org+Course+Run "}}""", "course_details.course_id")]
    [InlineData("""{"mode": "Verified", "course_details": {"course_id": "course-v1:Org+Course+Run"}}""", "mode")]
    [InlineData("""{"mode": "", "course_details": {"course_id": "course-v1:Org+Course+Run"}}""", "mode")]
    [InlineData("""{"user": "", "course_details": {"course_id": "course-v1:Org+Course+Run"}}""", "user")]
    public async Task Post_InvalidBody_Returns400NamingTheField_AndEnrollsNobody(string body, string field)
    {
        await using var app = new ApiApplication();
        var client = app.CreateLearnerClient("alice");

        var response = await client.PostAsync(Enroll, Json(body));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
        Assert.Empty((await client.GetFromJsonAsync<List<EnrollmentResponse>>(Enroll))!);
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").PostAsync(Enroll, Json("""{"is_active": "yes", "course_details": {"course_id": "course-v1:Org+Course+Run"}}"""));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_NeverEnrolled_Returns404ProblemDetails()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").GetAsync($"{Enroll}/alice,{Course}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_AnotherLearnersEnrollment_Returns403()
    {
        await using var app = new ApiApplication();
        await app.CreateLearnerClient("bob").PostAsync(Enroll, Body());

        var response = await app.CreateLearnerClient("alice").GetAsync($"{Enroll}/bob,{Course}");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Get_InvalidCourseId_Returns400NamingCourseId()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").GetAsync($"{Enroll}/alice,course-v1:Org+Course");

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), "course_id");
    }

    [Fact]
    public async Task List_ReturnsTheLearnersActiveEnrollmentsOnly()
    {
        await using var app = new ApiApplication();
        var client = app.CreateLearnerClient("alice");
        await client.PostAsync(Enroll, Body(course: "course-v1:Org+A+Run"));
        await client.PostAsync(Enroll, Body(course: "course-v1:Org+B+Run"));
        await client.PostAsync(Enroll, Body(course: "course-v1:Org+B+Run", isActive: false));
        await app.CreateLearnerClient("bob").PostAsync(Enroll, Body(course: "course-v1:Org+C+Run"));

        var enrollments = await client.GetFromJsonAsync<List<EnrollmentResponse>>(Enroll);

        Assert.Equal(["course-v1:Org+A+Run"], enrollments!.Select(e => e.CourseDetails.CourseId));
    }

    [Fact]
    public async Task List_AnotherLearner_Returns403_ButAdministratorMay()
    {
        await using var app = new ApiApplication();
        await app.CreateLearnerClient("bob").PostAsync(Enroll, Body());

        var forbidden = await app.CreateLearnerClient("alice").GetAsync($"{Enroll}?user=bob");
        var allowed = await app.CreateAdministratorClient().GetFromJsonAsync<List<EnrollmentResponse>>($"{Enroll}?user=bob");

        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden);
        Assert.Equal("bob", Assert.Single(allowed!).User);
    }
}
