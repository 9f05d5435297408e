using System.Net;
using System.Text;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Courses;

/// <summary>The API keeps course structures and asks the course grain only whether they changed, so a cluster client
/// moves a structure over the network once per version, not once per navigation request.</summary>
public sealed class CourseStructuresTests
{
    private const string Course = "course-v1:ActorsX+Intro+2026";
    private const string Navigation = "/api/course_home/v1/navigation/" + Course;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task RepeatedNavigation_FetchesTheWholeStructureOnce_ThenOnlyAsksWhetherItChanged()
    {
        await using var app = new ApiApplication();
        var admin = app.CreateAdministratorClient();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(RepositoryFiles.SampleCourse))).StatusCode);

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Navigation)).StatusCode);

        var calls = await CourseGrainCallsAsync(app);
        Assert.Equal(1, calls.GetValueOrDefault("GetStructureAsync"));
        Assert.Equal(2, calls.GetValueOrDefault("GetStructureIfChangedAsync"));
    }

    [Fact]
    public async Task NavigationAfterAPublish_ServesTheNewStructure()
    {
        await using var app = new ApiApplication();
        var admin = app.CreateAdministratorClient();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(RepositoryFiles.SampleCourse))).StatusCode);
        var first = await admin.GetAsync(Navigation);

        var renamed = RepositoryFiles.SampleCourse.Replace("Introduction to Virtual Actors", "Virtual Actors, Second Edition", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/courses/v1/{Course}/publish", Json(renamed))).StatusCode);

        await Eventually.Async(async () =>
        {
            var body = await admin.GetStringAsync(Navigation);
            return body.Contains("Virtual Actors, Second Edition", StringComparison.Ordinal);
        });
        Assert.NotEqual(first.Headers.GetValues("X-Block-Structure-Version").Single(),
            (await admin.GetAsync(Navigation)).Headers.GetValues("X-Block-Structure-Version").Single());
    }

    private static async Task<Dictionary<string, long>> CourseGrainCallsAsync(ApiApplication app)
    {
        var silos = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0)
            .SendControlCommandToProvider<GrainCallStatistics>(GrainCallStatistics.ServiceKey, GrainCallStatistics.SnapshotCommand);
        return silos.OfType<SiloCallStatistics>().SelectMany(s => s.Methods)
            .Where(m => m.Interface.EndsWith(".ICourseGrain", StringComparison.Ordinal))
            .GroupBy(m => m.Method)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Calls));
    }
}
