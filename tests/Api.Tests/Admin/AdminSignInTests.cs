using System.Net;
using System.Text;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Api.Tests.Admin;

/// <summary><c>/admin/sign-in</c>: a pasted administrator token becomes a session cookie; anything else does not.</summary>
public sealed class AdminSignInTests
{
    [Fact]
    public async Task SignIn_AdministratorToken_SetsHttpOnlySameSiteStrictCookieAndRedirectsToAdmin()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);

        var response = await browser.SignInAsync(app.Token("staff", administrator: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        var cookie = AdminBrowserClient.SessionCookieHeader(response);
        Assert.NotNull(cookie);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase); // a browser-session cookie
    }

    [Fact]
    public async Task SignIn_AdministratorToken_AdminPageThenShowsTheUsernameAndTheAdminApi()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);
        await browser.SignInSuccessfullyAsync(app.Token("staff", administrator: true));

        var page = await browser.Http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<strong id=\"signed-in-user\">staff</strong> with a browser session", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/grains/\"", html, StringComparison.Ordinal);
        Assert.Contains("<code>GET /admin/api/silos</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>POST /admin/api/grains/collect</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_OverHttps_MarksTheCookieSecure()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app, "https://localhost");

        var response = await browser.SignInAsync(app.Token("staff", administrator: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("; secure", AdminBrowserClient.SessionCookieHeader(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_LearnerToken_Returns401PageSayingNotAnAdministratorWithoutCookie()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);

        var response = await browser.SignInAsync(app.Token("alice"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not an administrator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(AdminBrowserClient.SessionCookieHeader(response));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task SignIn_TamperedToken_Returns401PageSayingNotValidWithoutCookie()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);
        // A learner's token whose payload is rewritten to say administrator, its signature kept.
        var parts = app.Token("alice").Split('.');
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
        Assert.Contains("\"administrator\":false", payload, StringComparison.Ordinal);
        var forged = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.Replace("\"administrator\":false", "\"administrator\":true", StringComparison.Ordinal));

        var response = await browser.SignInAsync($"{parts[0]}.{forged}.{parts[2]}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(AdminBrowserClient.SessionCookieHeader(response));
    }

    [Fact]
    public async Task SignIn_ExpiredAdministratorToken_Returns401PageSayingExpiredWithoutCookie()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);
        var yesterday = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        var token = new TokenIssuer(ApiApplication.JwtOptions, yesterday).Issue("staff", administrator: true, lifetime: TimeSpan.FromHours(1));

        var response = await browser.SignInAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(AdminBrowserClient.SessionCookieHeader(response));
    }

    [Fact]
    public async Task SignIn_EmptyToken_Returns400PageWithoutCookie()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);

        var response = await browser.SignInAsync("   ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Paste an administrator token.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(AdminBrowserClient.SessionCookieHeader(response));
    }

    [Fact]
    public async Task SignIn_PostWithoutAntiforgeryToken_Returns400PageWithoutCookie()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);

        // A form posted from elsewhere: no antiforgery field, no antiforgery cookie.
        var response = await browser.Http.PostAsync("/admin/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = app.Token("staff", administrator: true) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("did not come from this page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(AdminBrowserClient.SessionCookieHeader(response));
    }

    [Fact]
    public async Task SignIn_AntiforgeryFieldFromAnotherBrowser_Returns400WithoutCookie()
    {
        await using var app = new ApiApplication();
        var attacker = AdminBrowserClient.Create(app);
        var victim = AdminBrowserClient.Create(app);
        var attackersField = AdminBrowserClient.AntiforgeryField(await (await attacker.Http.GetAsync("/admin/sign-in")).Content.ReadAsStringAsync());
        await victim.Http.GetAsync("/admin/sign-in"); // the victim has an antiforgery cookie of its own

        var response = await victim.Http.PostAsync("/admin/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = attackersField,
            ["token"] = app.Token("staff", administrator: true),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(AdminBrowserClient.SessionCookieHeader(response));
    }

    [Theory]
    [InlineData("/admin/grains/?tab=silos", "/admin/grains/?tab=silos")]
    [InlineData("https://elsewhere.example/admin", "/admin")]
    [InlineData("//elsewhere.example/admin", "/admin")]
    [InlineData("/\\elsewhere.example/admin", "/admin")]
    [InlineData("javascript:alert(1)", "/admin")]
    public async Task SignIn_ReturnUrl_RedirectsOnlyToLocalPaths(string returnUrl, string expectedLocation)
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);

        var response = await browser.SignInAsync(app.Token("staff", administrator: true), returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expectedLocation, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignInPage_IsAPlainHtmlFormWithoutScriptsThatForbidsFraming()
    {
        await using var app = new ApiApplication();
        var browser = AdminBrowserClient.Create(app);

        var response = await browser.Http.GetAsync("/admin/sign-in?returnUrl=%2Fadmin%2F%22%3E%3Cscript%3E");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/admin/sign-in\">", html, StringComparison.Ordinal);
        Assert.Contains("<textarea id=\"token\" name=\"token\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }
}
