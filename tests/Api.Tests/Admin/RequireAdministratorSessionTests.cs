using System.Net;
using System.Net.Http.Headers;
using Actors.Api.Admin.Pages;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Tests.Admin;

/// <summary>Another route group under <c>/admin</c> (as the grain dashboard will be) protected with
/// <c>RequireAdministratorSession()</c>, in a host with only the auth pieces: the session from <c>/admin/sign-in</c>
/// opens it, a bearer token opens it, and nothing else does.</summary>
public sealed class RequireAdministratorSessionTests
{
    [Fact]
    public async Task RequireAdministratorSession_OnAnotherGroup_AdmitsTheSessionAndBearerTokensOnly()
    {
        await using var host = await StartAsync();
        var browser = host.GetTestClient();
        browser.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var token = new TokenIssuer(ApiApplication.JwtOptions, TimeProvider.System).Issue("staff", administrator: true);

        var anonymous = await browser.GetAsync("/admin/grains/ClusterStats");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("?returnUrl=%2Fadmin%2Fgrains%2FClusterStats", anonymous.Headers.Location!.Query);

        var cookie = await SignInAsync(browser, token);
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/admin/grains/ClusterStats");
        withCookie.Headers.Add("Cookie", cookie);
        var session = await browser.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("stats for staff", await session.Content.ReadAsStringAsync());

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/admin/grains/ClusterStats");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(withToken)).StatusCode);

        using var withLearnerToken = new HttpRequestMessage(HttpMethod.Get, "/admin/grains/ClusterStats");
        withLearnerToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            new TokenIssuer(ApiApplication.JwtOptions, TimeProvider.System).Issue("alice", administrator: false));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(withLearnerToken)).StatusCode);
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Jwt:Secret"] = ApiApplication.Secret;
        builder.Configuration["Jwt:Issuer"] = ApiApplication.Issuer;
        builder.Configuration["Jwt:Audience"] = ApiApplication.Audience;
        builder.Services.AddRouting();
        builder.Services.AddOpenEdxJwtAuth();
        builder.Services.AddAdminSession();
        var app = builder.Build();
        app.UseBearerAuthentication();
        app.UseAuthorization();
        app.MapAdminPages();
        app.MapGroup("/admin/grains").RequireAdministratorSession()
            .MapGet("/ClusterStats", (HttpContext context) => "stats for " + OpenEdxClaims.UsernameOf(context.User));
        await app.StartAsync();
        return app;
    }

    /// <summary>Signs in through the form; returns the session cookie as a <c>Cookie</c> header value.</summary>
    private static async Task<string> SignInAsync(HttpClient browser, string token)
    {
        var page = await browser.GetAsync("/admin/sign-in");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminSessionDefaults.AntiforgeryCookieName + "=", StringComparison.Ordinal));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AdminBrowserClient.AntiforgeryField(await page.Content.ReadAsStringAsync()),
                ["token"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        var response = await browser.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return AdminBrowserClient.SessionCookieHeader(response)!.Split(';')[0];
    }
}
