using System.Net;
using System.Net.Http.Headers;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Api.Tests.Admin;

/// <summary>The <c>/admin</c> pages under the administrator-session policy: who gets in, who is sent to sign in, and
/// how a session ends.</summary>
public sealed class AdminSessionTests
{
    [Theory]
    [InlineData("/admin", "%2Fadmin")]
    [InlineData("/admin/?tab=1", "%2Fadmin%2F%3Ftab%3D1")]
    public async Task Admin_AnonymousBrowser_RedirectsToSignInWithReturnUrl(string path, string escapedReturnUrl)
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);

        var response = await browser.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/admin/sign-in", location.AbsolutePath);
        Assert.Equal("?returnUrl=" + escapedReturnUrl, location.Query);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    public async Task Admin_AnonymousScript_Returns401ProblemDetails(string? accept)
    {
        await using var app = new ApiApplication();
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (accept is not null)
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        var response = await client.GetAsync("/admin");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Admin_BearerAdministratorToken_Returns200()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateAdministratorClient().GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<strong id=\"signed-in-user\">staff</strong> with a bearer token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_BearerLearnerToken_Returns403ProblemDetails()
    {
        await using var app = new ApiApplication();

        var response = await app.CreateLearnerClient("alice").GetAsync("/admin");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_ForgedSessionCookie_RedirectsToSignIn()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);
        browser.Http.DefaultRequestHeaders.Add("Cookie", AdminBrowserClient.SessionCookie + "=CfDJ8forged-value");

        var response = await browser.Http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_ClearsTheCookieAndAdminRedirectsToSignInAgain()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);
        await browser.SignInSuccessfullyAsync(app.Token("staff", administrator: true));

        var response = await browser.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/sign-in?signedOut=true", response.Headers.Location?.OriginalString);
        Assert.Contains("expires=Thu, 01 Jan 1970", AdminBrowserClient.SessionCookieHeader(response), StringComparison.OrdinalIgnoreCase);
        var admin = await browser.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        var signedOut = await browser.Http.GetAsync("/admin/sign-in?signedOut=true");
        Assert.Contains("You have signed out.", await signedOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Returns400AndKeepsTheSession()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);
        await browser.SignInSuccessfullyAsync(app.Token("staff", administrator: true));

        var response = await browser.Http.PostAsync("/admin/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(AdminBrowserClient.SessionCookieHeader(response));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Session_EndsWhenTheTokenExpires_ThoughTheSessionLifetimeIsLonger()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ApiApplication(services => services.AddSingleton<TimeProvider>(time));
        var browser = AdminBrowserClient.Create(app);
        var token = new Actors.Api.Auth.TokenIssuer(ApiApplication.JwtOptions, time).Issue("staff", administrator: true, lifetime: TimeSpan.FromMinutes(10));
        await browser.SignInSuccessfullyAsync(token);

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(5)); // 11 minutes in: the token is over, the 30-minute session would not be

        var response = await browser.Http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Session_UnusedForLongerThanItsLifetime_Ends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ApiApplication(services => services.AddSingleton<TimeProvider>(time),
            new Dictionary<string, string> { ["Api:AdminSession:Lifetime"] = "00:05:00" });
        var browser = AdminBrowserClient.Create(app);
        await browser.SignInSuccessfullyAsync(app.Token("staff", administrator: true));
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin")).StatusCode); // renews: past half its lifetime
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin")).StatusCode);

        time.Advance(TimeSpan.FromMinutes(6));
        var response = await browser.Http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task AdminApi_WithSessionCookieOnly_Returns401BecauseItTakesTokens()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);
        await browser.SignInSuccessfullyAsync(app.Token("staff", administrator: true));

        var response = await browser.Http.GetAsync("/admin/api/silos");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
