using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Courses;

/// <summary>Many concurrent navigation requests against cold and freshly published courses, through the HTTP front door.</summary>
public sealed class NavigationConcurrencyTests
{
    private const string Course = "course-v1:ActorsX+Intro+2026";
    private const string Navigation = "/api/course_home/v1/navigation/" + Course;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> RebuildsAsync(HttpClient admin)
    {
        var courses = JsonDocument.Parse(await admin.GetStringAsync("/admin/api/courses/rebuilds")).RootElement;
        return courses.EnumerateArray().Single(c => c.GetProperty("courseKey").GetString() == Course);
    }

    private static async Task<(long Start, long End, long Version)> ReadAsync(HttpClient client, Stopwatch clock)
    {
        var start = clock.ElapsedTicks;
        var response = await client.GetAsync(Navigation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsStringAsync();
        return (start, clock.ElapsedTicks, long.Parse(response.Headers.GetValues("X-Block-Structure-Version").Single()));
    }

    [Fact]
    public async Task ThousandConcurrentRequests_OnAColdCourse_CauseExactlyOneCollect()
    {
        await using var app = new ApiApplication();
        var admin = app.CreateAdministratorClient();
        await admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(RepositoryFiles.SampleCourse));
        await admin.GetStringAsync(Navigation); // collected once...
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // ...then evicted: cold
        var clock = Stopwatch.StartNew();

        var reads = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => ReadAsync(admin, clock))));

        Assert.All(reads, r => Assert.Equal(1, r.Version));
        var rebuilds = await RebuildsAsync(admin);
        Assert.Equal(1, rebuilds.GetProperty("rebuilds").GetInt32());
        Assert.Equal(0, rebuilds.GetProperty("versionLag").GetInt64());
    }

    [Fact]
    public async Task ThousandRequests_RightAfterAPublishOfAWarmCourse_OneCollect_AndNobodySeesTheOldVersionAfterSomeoneSawTheNew()
    {
        await using var app = new ApiApplication();
        var admin = app.CreateAdministratorClient();
        await admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(RepositoryFiles.SampleCourse));
        await admin.GetStringAsync(Navigation);
        var before = (await RebuildsAsync(admin)).GetProperty("rebuilds").GetInt32();
        var clock = Stopwatch.StartNew();

        var publish = admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(RepositoryFiles.SampleCourse.Replace("Introduction to Virtual Actors", "Renamed")));
        var reads = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => ReadAsync(admin, clock))));
        Assert.Equal(HttpStatusCode.Accepted, (await publish).StatusCode);

        Assert.All(reads, r => Assert.InRange(r.Version, 1, 2));
        var firstNewSeen = reads.Where(r => r.Version == 2).Select(r => r.End).DefaultIfEmpty(long.MaxValue).Min();
        Assert.DoesNotContain(reads, r => r.Version == 1 && r.Start > firstNewSeen);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonElement after;
        while ((after = await RebuildsAsync(admin)).GetProperty("structureVersion").GetInt64() < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Equal(before + 1, after.GetProperty("rebuilds").GetInt32());
    }
}
