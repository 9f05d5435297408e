using System.Net;
using System.Net.Http.Json;
using Actors.Api.Admin;
using Actors.Api.Tests.Infrastructure;
using Actors.Grains.Diagnostics;

namespace Actors.Api.Tests.Admin;

/// <summary><c>/admin/api</c> against the embedded silo.</summary>
public sealed class AdminApiTests
{
    [Theory]
    [InlineData("GET", "/admin/api/silos")]
    [InlineData("GET", "/admin/api/grains")]
    [InlineData("POST", "/admin/api/grains/collect")]
    [InlineData("GET", "/admin/api/courses/rebuilds")]
    public async Task AdminEndpoint_LearnerToken_Returns403ProblemDetails(string method, string path)
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("GET", "/admin/api/silos")]
    [InlineData("GET", "/admin/api/grains")]
    [InlineData("POST", "/admin/api/grains/collect")]
    [InlineData("GET", "/admin/api/courses/rebuilds")]
    public async Task AdminEndpoint_WithoutToken_Returns401ProblemDetails(string method, string path)
    {
        await using var app = new ApiApplication();

        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Silos_Administrator_ReturnsTheEmbeddedSilo()
    {
        await using var app = new ApiApplication();

        var silos = await app.CreateAdministratorClient().GetFromJsonAsync<List<SiloSummary>>("/admin/api/silos");

        var silo = Assert.Single(silos!);
        Assert.False(string.IsNullOrEmpty(silo.SiloName));
        Assert.Equal("Active", silo.Status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    public async Task Grains_TopOutOfRange_ReturnsValidationProblemNamingTop(string top)
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync($"/admin/api/grains?top={top}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Problem.ErrorsFor(problem, "top"));
    }

    [Fact]
    public async Task Grains_TopNotANumber_ReturnsProblemNamingTop()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync("/admin/api/grains?top=many");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Problem.ErrorsFor(problem, "top"));
    }

    [Fact]
    public async Task Grains_AfterCalls_ListsTheCalledMethodWithItsCount()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();
        await client.GetAsync("/admin/api/crawlers");
        await client.GetAsync("/admin/api/crawlers");

        var methods = await client.GetFromJsonAsync<List<GrainMethodStatistics>>("/admin/api/grains?top=10&type=crawlersconfig");

        var statistics = Assert.Single(methods!, m => m.Method == "GetAsync");
        Assert.Equal(2, statistics.Calls);
        Assert.All(methods!, m => Assert.Equal("crawlersconfig", m.GrainType));
    }

    [Fact]
    public async Task Grains_UnknownType_ReturnsEmptyList()
    {
        await using var app = new ApiApplication();

        var methods = await app.CreateAdministratorClient().GetFromJsonAsync<List<GrainMethodStatistics>>("/admin/api/grains?type=no-such-grain");

        Assert.Empty(methods!);
    }

    [Fact]
    public async Task Collect_Administrator_DeactivatesIdleGrains_AndReturnsHowMany()
    {
        await using var app = new ApiApplication();
        var admin = app.CreateAdministratorClient();
        foreach (var learner in new[] { "collect-a", "collect-b" }) // two learner grains, idle once answered
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/enrollment/v1/enrollment?user={learner}")).StatusCode);

        var response = await admin.PostAsync("/admin/api/grains/collect", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<CollectionResult>();
        Assert.True(result!.Deactivated >= 2, $"deactivated {result.Deactivated}");
    }

    [Fact]
    public void TopMethods_SeveralSilos_FlattensSortsByCallsAndTakesTop()
    {
        SiloCallStatistics[] silos =
        [
            Silo("a", Method("course", "GetOutlineAsync", calls: 5), Method("student", "GetStateAsync", calls: 50)),
            Silo("b", Method("course", "GetOutlineAsync", calls: 20), Method("catalog", "SyncAsync", calls: 1)),
        ];

        var top = AdminApi.TopMethods(silos, top: 3, grainType: null);

        Assert.Equal([("a", "GetStateAsync", 50L), ("b", "GetOutlineAsync", 20L), ("a", "GetOutlineAsync", 5L)],
            top.Select(m => (m.Silo, m.Method, m.Calls)));
    }

    [Fact]
    public void TopMethods_GrainType_KeepsThatTypeIgnoringCase()
    {
        SiloCallStatistics[] silos = [Silo("a", Method("course", "GetOutlineAsync", calls: 5), Method("student", "GetStateAsync", calls: 50))];

        var top = AdminApi.TopMethods(silos, top: 10, grainType: "Course");

        Assert.Equal("GetOutlineAsync", Assert.Single(top).Method);
    }

    private static SiloCallStatistics Silo(string name, params MethodStatisticsSnapshot[] methods) => new(name, "127.0.0.1:11111@1", methods);

    private static MethodStatisticsSnapshot Method(string grainType, string method, long calls) =>
        new(grainType, "I" + grainType, method, calls, 0, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));
}
