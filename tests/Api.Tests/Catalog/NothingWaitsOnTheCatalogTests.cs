using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;
using Actors.TestSupport.Catalog;
using Xunit.Abstractions;

namespace Actors.Api.Tests.Catalog;

/// <summary>
/// No request path calls the Catalog service: with a sync stuck on a catalog page that never answers, navigation,
/// overview, enrollment and mobile enrollment requests answer as they do with no sync running (each well under a fixed ceiling far above
/// their normal milliseconds — not a tight timing assertion), and the admin status read answers during the stuck run.
/// </summary>
public sealed class NothingWaitsOnTheCatalogTests(StuckCatalogFixture host, ITestOutputHelper output) : IClassFixture<StuckCatalogFixture>
{
    private const int Rounds = 20;
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task WhileASyncIsStuckOnAHangingPage_Navigation_Overview_Enrollments_AndMobileEnrollments_AnswerAsUsual()
    {
        var course = $"course-v1:CatHang+C{Guid.NewGuid():N}+2026";
        using var admin = host.Api.CreateAdministratorClient();
        using var learner = host.Api.CreateLearnerClient("hannah");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/courses/v1/{course}/publish",
            new StringContent(CatalogApiHost.SampleCourseAs(course), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await learner.PostAsync("/api/enrollment/v1/enrollment", new StringContent(
            $$$"""{"course_details": {"course_id": "{{{course}}}"}}""", Encoding.UTF8, "application/json"))).StatusCode);
        var requests = new (string Name, HttpClient Client, string Path)[]
        {
            ("navigation", learner, $"/api/course_home/v1/navigation/{course}"),
            ("overview", learner, $"/api/courses/v1/{course}/overview"),
            ("enrollment", learner, "/api/enrollment/v1/enrollment?user=hannah"),
            ("mobile enrollments", learner, "/api/mobile/v4/users/hannah/course_enrollments/"),
        };
        await Eventually.Async(async () => (await learner.GetAsync(requests[0].Path)).StatusCode == HttpStatusCode.OK); // collected

        var before = await MeasureAsync(requests);
        host.Discovery.SetCatalog([new { key = course, marketing_url = "https://mktg.test/never" }]);
        host.Discovery.Fail(1, DiscoveryFault.Hang);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/admin/api/catalog/sync", null)).StatusCode);
        await host.Discovery.Hanging.WaitAsync(TimeSpan.FromSeconds(30));

        var statusClock = Stopwatch.StartNew();
        var during = await admin.GetFromJsonAsync<JsonElement>("/admin/api/catalog/sync");
        statusClock.Stop();
        var stuck = await MeasureAsync(requests);
        var after = await admin.GetFromJsonAsync<JsonElement>("/admin/api/catalog/sync");

        foreach (var (name, _, _) in requests)
            output.WriteLine($"{name}: no sync max {before[name].Max().TotalMilliseconds:0.0} ms, median {Median(before[name]):0.0} ms; " +
                $"sync stuck max {stuck[name].Max().TotalMilliseconds:0.0} ms, median {Median(stuck[name]):0.0} ms");
        output.WriteLine($"status read during the stuck run: {statusClock.Elapsed.TotalMilliseconds:0.0} ms");
        Assert.Equal("running", during.GetProperty("current").GetProperty("state").GetString());
        Assert.Equal("running", after.GetProperty("current").GetProperty("state").GetString()); // still stuck: every request above ran during it
        Assert.Equal(0, after.GetProperty("current").GetProperty("pages").GetInt32());
        Assert.True(statusClock.Elapsed < Ceiling, $"the status read took {statusClock.Elapsed}");
        foreach (var (name, _, _) in requests)
            Assert.All(stuck[name], elapsed => Assert.True(elapsed < Ceiling, $"{name} took {elapsed.TotalMilliseconds:0} ms while the sync was stuck"));
        Assert.Null((await learner.GetFromJsonAsync<JsonElement>(requests[1].Path)).GetProperty("marketing_url").GetString());
    }

    private static async Task<Dictionary<string, List<TimeSpan>>> MeasureAsync((string Name, HttpClient Client, string Path)[] requests)
    {
        var timings = requests.ToDictionary(r => r.Name, _ => new List<TimeSpan>());
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, client, path) in requests)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                clock.Stop();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                timings[name].Add(clock.Elapsed);
            }
        }

        return timings;
    }

    private static double Median(List<TimeSpan> values) => values.Select(v => v.TotalMilliseconds).Order().ElementAt(values.Count / 2);
}
