using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Mobile;

/// <summary>
/// One API host (embedded silo, real HTTP in process) shared by a test class, with the LMS root these tests expect and
/// the given extra settings; plus helpers that publish small courses and enroll learners over the API. Tests sharing a
/// host use learners and courses of their own.
/// </summary>
public abstract class MobileApi(IReadOnlyDictionary<string, string> settings) : IAsyncLifetime
{
    public const string LmsRoot = "https://lms.example.org";

    internal ApiApplication App { get; } = new(settings: new Dictionary<string, string>(settings) { ["Lms:RootUrl"] = LmsRoot + "/" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The enrollment list's path for <paramref name="username"/>, with <paramref name="query"/> (e.g. <c>?page=2</c>).</summary>
    public static string Path(string username, string query = "") => $"/api/mobile/v4/users/{username}/course_enrollments/{query}";

    /// <summary>Publishes a course whose only block is its root, with <paramref name="course"/> as its course settings and
    /// <paramref name="start"/> as its start.</summary>
    public async Task PublishAsync(string courseKey, string displayName, DateTimeOffset? start = null, object? course = null)
    {
        var root = new JsonObject
        {
            ["id"] = "block-v1:" + courseKey["course-v1:".Length..] + "+type@course+block@course",
            ["type"] = "course",
            ["display_name"] = displayName,
            ["children"] = new JsonArray(),
        };
        if (start is not null)
            root["start"] = start.Value.ToString("O");
        if (course is not null)
            root["course"] = JsonSerializer.SerializeToNode(course);
        var body = new JsonObject { ["blocks"] = new JsonArray(root) }.ToJsonString();
        var response = await App.CreateAdministratorClient().PostAsync($"/api/courses/v1/{courseKey}/publish", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Enrolls (or with <paramref name="active"/> false, unenrolls) <paramref name="username"/>.</summary>
    public async Task EnrollAsync(string username, string courseKey, bool active = true, string mode = "audit")
    {
        var body = JsonSerializer.Serialize(new { user = username, mode, is_active = active, course_details = new { course_id = courseKey } });
        var response = await App.CreateAdministratorClient().PostAsync("/api/enrollment/v1/enrollment", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Publishes and enrolls <paramref name="username"/> in each course, in order (so the last is the newest).</summary>
    public async Task PublishAndEnrollAsync(string username, params string[] courseKeys)
    {
        await Task.WhenAll(courseKeys.Select(key => PublishAsync(key, "Course " + key)));
        foreach (var key in courseKeys)
            await EnrollAsync(username, key);
    }

    /// <summary>GET as <paramref name="username"/> (a learner token) and parse the 200 body.</summary>
    public async Task<JsonElement> ListAsync(string username, string query = "")
    {
        var response = await App.CreateLearnerClient(username).GetAsync(Path(username, query));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The course keys of a page's results.</summary>
    public static string[] CourseIds(JsonElement body) =>
        body.GetProperty("enrollments").GetProperty("results").EnumerateArray().Select(e => e.GetProperty("course").GetProperty("id").GetString()!).ToArray();
}

/// <summary>Open edX's defaults: custom course URLs and the marketing site off; two mobile configs set.</summary>
public sealed class DefaultSwitchesApi() : MobileApi(new Dictionary<string, string>
{
    ["Api:Mobile:Configs:iap_android_enabled"] = "true",
    ["Api:Mobile:Configs:course_dates_calendar_sync"] = "{}",
});

/// <summary>Custom course URLs and the marketing site both on.</summary>
public sealed class SharingSwitchesOnApi() : MobileApi(new Dictionary<string, string>
{
    ["Features:EnableCustomCourseUrls"] = "true",
    ["Features:EnableMarketingSite"] = "true",
});
