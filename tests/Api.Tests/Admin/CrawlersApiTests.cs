using System.Net;
using System.Net.Http.Json;
using System.Text;
using Actors.Api.Admin;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Admin;

/// <summary><c>/admin/api/crawlers</c>: Open edX's CrawlersConfig, stored durably by the embedded silo.</summary>
public sealed class CrawlersApiTests
{
    [Fact]
    public async Task Get_NeverConfigured_ReturnsOpenEdxDefault()
    {
        await using var app = new ApiApplication();

        var config = await app.CreateAdministratorClient().GetFromJsonAsync<CrawlersConfigResponse>("/admin/api/crawlers");

        Assert.False(config!.Enabled);
        Assert.Equal("edX-downloader", config.KnownUserAgents);
    }

    [Fact]
    public async Task Put_ThenGet_ReturnsTheStoredConfiguration_Trimmed()
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();

        var put = await client.PutAsJsonAsync("/admin/api/crawlers", new CrawlersConfigRequest(true, "edX-downloader, crawler_foo,"));
        put.EnsureSuccessStatusCode();
        var config = await client.GetFromJsonAsync<CrawlersConfigResponse>("/admin/api/crawlers");

        Assert.True(config!.Enabled);
        Assert.Equal("edX-downloader,crawler_foo", config.KnownUserAgents);
        Assert.Equal("staff", config.ChangedBy);
        Assert.NotNull(config.ChangeDate);
    }

    [Theory]
    [InlineData("""{"known_user_agents": "a"}""", "enabled")]
    [InlineData("""{"enabled": true}""", "known_user_agents")]
    [InlineData("""{"enabled": true, "known_user_agents": "ok,\u0007bell"}""", "known_user_agents")]
    public async Task Put_InvalidBody_Returns400NamingTheField_AndChangesNothing(string body, string field)
    {
        await using var app = new ApiApplication();
        var client = app.CreateAdministratorClient();

        var response = await client.PutAsync("/admin/api/crawlers", new StringContent(body, Encoding.UTF8, "application/json"));

        Problem.ErrorsFor(await Problem.AssertAsync(response, HttpStatusCode.BadRequest), field);
        var config = await client.GetFromJsonAsync<CrawlersConfigResponse>("/admin/api/crawlers");
        Assert.False(config!.Enabled);
        Assert.Null(config.ChangedBy);
    }

    [Fact]
    public async Task Put_Learner_Returns403()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").PutAsJsonAsync("/admin/api/crawlers", new CrawlersConfigRequest(true, "x"));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }
}
