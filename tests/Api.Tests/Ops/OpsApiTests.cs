using System.Net;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Ops;

/// <summary>The anonymous platform endpoints: health, readiness and the OpenAPI document (<c>/metrics</c>: Metrics/MetricsEndpointTests).</summary>
public sealed class OpsApiTests
{
    [Fact]
    public async Task Healthz_WithoutToken_Returns200()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_AfterStart_Returns200()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_WithoutToken_DescribesRoutesAndBearerScheme()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/admin/api/silos", paths);
        Assert.Contains("/admin/api/grains", paths);
        Assert.Contains("/admin/api/grains/collect", paths);
        Assert.Contains("/api/user/v1/accounts/{username}", paths);
        Assert.DoesNotContain("/metrics", paths);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task UnknownRoute_WithToken_Returns404ProblemDetails()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").GetAsync("/no/such/route");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
