using System.Net;
using System.Net.Http.Headers;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Admin;

/// <summary>The Orleans Dashboard under <c>/admin/grains</c>: administrators only (session cookie or bearer token), the
/// grain-state viewer switched off.</summary>
public sealed class GrainDashboardTests
{
    [Theory]
    [InlineData("/admin/grains/")]
    [InlineData("/admin/grains/ClusterStats")]
    [InlineData("/admin/grains/DashboardCounters")]
    [InlineData("/admin/grains/Reminders")]
    public async Task Dashboard_AnonymousScript_Gets401WithoutData(string path)
    {
        await using var app = new ApiApplication();

        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("silo", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dashboard_AnonymousBrowser_IsSentToSignIn()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);

        var response = await browser.Http.GetAsync("/admin/grains/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in?returnUrl=", new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task Dashboard_Learner_Gets403()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").GetAsync("/admin/grains/ClusterStats");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_AdministratorToken_GetsThePageAndTheClusterData()
    {
        await using var app = new ApiApplication();
        var admin = app.CreateAdministratorClient();

        var page = await admin.GetAsync("/admin/grains/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // The dashboard gathers its counters once a second; the embedded silo shows up in them.
        await Eventually.Async(async () => (await admin.GetStringAsync("/admin/grains/DashboardCounters"))
            .Contains("\"totalActiveHostCount\":1", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Dashboard_SignedInBrowser_GetsTheClusterDataWithItsCookie()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);
        await browser.SignInSuccessfullyAsync(app.Token("staff", administrator: true));
        browser.Http.DefaultRequestHeaders.Accept.Clear();
        browser.Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var stats = await browser.Http.GetAsync("/admin/grains/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task GrainStateViewer_IsSwitchedOff()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient()
            .GetAsync("/admin/grains/GrainState?grainId=default&grainType=Actors.Grains.Students.CrawlersConfigGrain");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
