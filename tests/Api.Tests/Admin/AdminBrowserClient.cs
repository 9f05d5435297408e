using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Actors.Api.Tests.Admin;

/// <summary>
/// An HTTP client that behaves like a browser on the admin pages: it asks for HTML, keeps cookies, does not follow
/// redirects (tests look at them), and fills in the forms' antiforgery field from the page it last loaded.
/// </summary>
internal sealed partial class AdminBrowserClient
{
    public const string SessionCookie = ".Actors.Admin";

    private AdminBrowserClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static AdminBrowserClient Create(ApiApplication app, string baseAddress = "http://localhost")
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        });
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return new AdminBrowserClient(http);
    }

    /// <summary>Loads the sign-in form and submits <paramref name="token"/> with the form's antiforgery field.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string token, string? returnUrl = null)
    {
        var page = await Http.GetAsync("/admin/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField(await page.Content.ReadAsStringAsync()),
            ["token"] = token,
        };
        if (returnUrl is not null)
            fields["returnUrl"] = returnUrl;
        return await Http.PostAsync("/admin/sign-in", new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in with <paramref name="token"/> and checks that it worked.</summary>
    public async Task SignInSuccessfullyAsync(string token)
    {
        var response = await SignInAsync(token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Loads <c>/admin</c> and submits its sign-out form.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var page = await Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryField(await page.Content.ReadAsStringAsync()) };
        return await Http.PostAsync("/admin/sign-out", new FormUrlEncodedContent(fields));
    }

    /// <summary>The <c>Set-Cookie</c> header of the session cookie in <paramref name="response"/>, or null.</summary>
    public static string? SessionCookieHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(SessionCookie + "=", StringComparison.Ordinal))
            : null;

    /// <summary>The value of the antiforgery field in a page's form.</summary>
    public static string AntiforgeryField(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["value"].Value)
            : throw new Xunit.Sdk.XunitException("The page has no antiforgery field:\n" + html);

    [GeneratedRegex("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex AntiforgeryInput();
}
