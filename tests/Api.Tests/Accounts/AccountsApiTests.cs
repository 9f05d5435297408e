using System.Net;
using System.Net.Http.Json;
using Actors.Api.Accounts;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Accounts;

/// <summary>The learner-scoped route: who may read <c>/api/user/v1/accounts/{username}</c>.</summary>
public sealed class AccountsApiTests
{
    [Fact]
    public async Task GetAccount_WithoutToken_Returns401ProblemDetails()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateClient().GetAsync("/api/user/v1/accounts/alice");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetAccount_OwnUsername_ReturnsAccount()
    {
        await using var app = new ApiApplication();

        var account = await app.CreateLearnerClient("alice").GetFromJsonAsync<Account>("/api/user/v1/accounts/alice");

        Assert.Equal(new Account("alice"), account);
    }

    [Fact]
    public async Task GetAccount_AnotherLearnersUsername_Returns403ProblemDetails()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").GetAsync("/api/user/v1/accounts/bob");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetAccount_UsernameDiffersOnlyInCase_Returns403()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").GetAsync("/api/user/v1/accounts/Alice");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetAccount_Administrator_ReachesAnyLearner()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync("/api/user/v1/accounts/bob");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Account("bob"), await response.Content.ReadFromJsonAsync<Account>());
    }

    [Fact]
    public async Task GetAccount_TokenSignedWithAnotherSecret_Returns401()
    {
        await using var app = new ApiApplication();
        var options = ApiApplication.JwtOptions;
        options.Secret = "some-other-secret-that-is-long-enough-too";
        var token = new TokenIssuer(options, TimeProvider.System).Issue("alice", administrator: true);

        var response = await app.CreateClient(token).GetAsync("/api/user/v1/accounts/alice");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetAccount_TokenForAnotherAudience_Returns401()
    {
        await using var app = new ApiApplication();
        var options = ApiApplication.JwtOptions;
        options.Audience = "another-service";
        var token = new TokenIssuer(options, TimeProvider.System).Issue("alice", administrator: false);

        var response = await app.CreateClient(token).GetAsync("/api/user/v1/accounts/alice");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetAccount_ExpiredToken_Returns401()
    {
        await using var app = new ApiApplication();
        var yesterday = new FixedTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        var token = new TokenIssuer(ApiApplication.JwtOptions, yesterday).Issue("alice", administrator: false, lifetime: TimeSpan.FromHours(1));

        var response = await app.CreateClient(token).GetAsync("/api/user/v1/accounts/alice");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
