using System.Net;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Auth;

/// <summary>The host puts the token cache (<c>Api:TokenCache</c>) in front of the bearer scheme's validators, and
/// authenticates a request with a kept token without the bearer handler (<see cref="BearerAuthenticationMiddleware"/>).</summary>
public sealed class TokenCacheRegistrationTests
{
    [Fact]
    public async Task Host_ByDefault_ValidatesBearerTokensThroughTheCache()
    {
        await using var app = new ApiApplication();
        var client = app.CreateLearnerClient("alice");

        var first = await client.GetAsync("/api/user/v1/accounts/alice");
        var second = await client.GetAsync("/api/user/v1/accounts/alice");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var cache = Assert.IsType<CachingTokenHandler>(Assert.Single(BearerOptions(app).TokenHandlers));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Host_CachedTokenOfAnotherUser_StillGets403()
    {
        await using var app = new ApiApplication();
        var client = app.CreateLearnerClient("alice");
        await client.GetAsync("/api/user/v1/accounts/alice");

        var response = await client.GetAsync("/api/user/v1/accounts/bob");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Host_MaxEntriesZero_ValidatesWithoutTheCache()
    {
        await using var app = new ApiApplication(settings: new Dictionary<string, string> { ["Api:TokenCache:MaxEntries"] = "0" });

        var response = await app.CreateLearnerClient("alice").GetAsync("/api/user/v1/accounts/alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(BearerOptions(app).TokenHandlers, handler => handler is CachingTokenHandler);
    }

    [Fact]
    public async Task Host_CachedToken_LaterRequestsAuthenticateWithoutTheBearerHandler()
    {
        var handled = new BearerHandlerCount();
        await using var app = new ApiApplication(handled.Register);
        var client = app.CreateLearnerClient("alice");

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/user/v1/accounts/alice")).StatusCode);

        Assert.Equal(1, handled.Value);
    }

    [Fact]
    public async Task Host_MaxEntriesZero_EveryRequestGoesThroughTheBearerHandler()
    {
        var handled = new BearerHandlerCount();
        await using var app = new ApiApplication(handled.Register, new Dictionary<string, string> { ["Api:TokenCache:MaxEntries"] = "0" });
        var client = app.CreateLearnerClient("alice");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/user/v1/accounts/alice")).StatusCode);

        Assert.Equal(3, handled.Value);
    }

    [Fact]
    public async Task Host_CachedTokenWithAnotherSignature_IsRejectedWithTheBearerChallenge()
    {
        await using var app = new ApiApplication();
        var token = app.Token("alice");
        await app.CreateClient(token).GetAsync("/api/user/v1/accounts/alice");
        var at = token.LastIndexOf('.') + 5; // a character inside the signature (the last one may carry only padding bits)
        var tampered = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

        var response = await app.CreateClient(tampered).GetAsync("/api/user/v1/accounts/alice");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer" && header.Parameter!.Contains("invalid_token"));
    }

    /// <summary>Counts the requests the JWT bearer handler itself authenticates (its message-received event).</summary>
    private sealed class BearerHandlerCount
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Register(IServiceCollection services) =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer => bearer.Events = new JwtBearerEvents
            {
                OnMessageReceived = _ =>
                {
                    Interlocked.Increment(ref _value);
                    return Task.CompletedTask;
                },
            });
    }

    private static JwtBearerOptions BearerOptions(ApiApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
}
