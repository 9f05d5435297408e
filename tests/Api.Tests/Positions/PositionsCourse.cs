using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Keys;
using Actors.Grains.Students;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Positions;

/// <summary>A small published course for the position and completion-read tests, under any course key (a deprecated
/// <c>Org/Course/Run</c> one gets <c>i4x://</c> ids):
/// <code>
/// course ─ ch1 ─ s1 ─ v1 (h1, p1)
///        │     │    └ v2 (h2, d1 discussion)
///        │     └ s2 ─ v3 (h3)
///        └ ch2 ─ sx (staff only) ─ vx (hx)
///              └ s3 ─ v4 (h4)
/// </code></summary>
internal sealed class PositionsCourse(string course)
{
    public const string Default = "course-v1:ActorsX+Pos+2026";
    public const string Crawler = "edX-downloader/1.2";

    public string Key { get; } = course;

    public string Id(string type, string id) => CourseKey.Parse(Key).MakeUsageKey(type, id).ToString();

    public string Root => Id("course", CourseKey.Parse(Key).IsDeprecated ? CourseKey.Parse(Key).Run : "course");

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public async Task PublishAsync(ApiApplication app)
    {
        object Block(string type, string id, params string[] children) =>
            new { id = Id(type, id), type, display_name = id, children = children.Select(c => Id(TypeOf(c), c)).ToArray() };
        object[] blocks =
        [
            new { id = Root, type = "course", display_name = "Positions", children = new[] { Id("chapter", "ch1"), Id("chapter", "ch2") } },
            Block("chapter", "ch1", "s1", "s2"),
            Block("chapter", "ch2", "sx", "s3"),
            Block("sequential", "s1", "v1", "v2"),
            Block("sequential", "s2", "v3"),
            new { id = Id("sequential", "sx"), type = "sequential", display_name = "sx", visible_to_staff_only = true, children = new[] { Id("vertical", "vx") } },
            Block("sequential", "s3", "v4"),
            Block("vertical", "v1", "h1", "p1"),
            Block("vertical", "v2", "h2", "d1"),
            Block("vertical", "v3", "h3"),
            Block("vertical", "vx", "hx"),
            Block("vertical", "v4", "h4"),
            Block("html", "h1"), Block("problem", "p1"), Block("html", "h2"), Block("discussion", "d1"), Block("html", "h3"),
            Block("html", "hx"), Block("html", "h4"),
        ];
        var response = await app.CreateAdministratorClient().PostAsync($"/api/courses/v1/{Key}/publish", Json(JsonSerializer.Serialize(new { blocks })));
        response.EnsureSuccessStatusCode();
    }

    public async Task EnrollAsync(ApiApplication app, string username) =>
        (await app.CreateLearnerClient(username).PostAsync("/api/enrollment/v1/enrollment",
            JsonContent.Create(new { course_details = new { course_id = Key } }))).EnsureSuccessStatusCode();

    public async Task<ApiApplication> StartAsync(params string[] enrolled)
    {
        var app = new ApiApplication();
        await PublishAsync(app);
        foreach (var username in enrolled)
            await EnrollAsync(app, username);
        return app;
    }

    public static IStudentModuleGrain Learner(ApiApplication app, string username) =>
        app.Services.GetRequiredService<IGrainFactory>().GetGrain<IStudentModuleGrain>(username);

    public static Task EnableCrawlersAsync(ApiApplication app) =>
        app.Services.GetRequiredService<IGrainFactory>().GetGrain<ICrawlersConfigGrain>(CrawlersConfig.DefaultSite)
            .SetAsync(true, ["edX-downloader"], "staff");

    public async Task<IReadOnlyDictionary<string, int>> PositionsAsync(ApiApplication app, string username, params string[] ids) =>
        await Learner(app, username).GetPositionsAsync(Key, ids);

    private static string TypeOf(string id) => id[0] switch
    {
        'c' => "chapter",
        's' => "sequential",
        'v' => "vertical",
        'p' => "problem",
        'd' => "discussion",
        _ => "html",
    };
}
