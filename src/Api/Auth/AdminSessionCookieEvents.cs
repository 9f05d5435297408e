using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Auth;

/// <summary>
/// How the session cookie scheme answers: a browser (its <c>Accept</c> names <c>text/html</c>) without a session is sent
/// to the sign-in page; anything else gets a bodiless 401 (problem details are written by the status-code pages) that
/// names the bearer scheme, and a refused principal 403. A session is dropped once the token it was made from expires.
/// </summary>
internal sealed class AdminSessionCookieEvents(TimeProvider time) : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (AcceptsHtml(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && OpenEdxClaims.IsAdministrator(principal)
            && AdminSessionTicket.TokenStillValid(context.Properties, time.GetUtcNow()))
            return;
        context.RejectPrincipal();
        context.ShouldRenew = false;
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    /// <summary>Whether the request is a browser's page load: its <c>Accept</c> header names <c>text/html</c>.</summary>
    internal static bool AcceptsHtml(HttpRequest request) =>
        request.Headers[HeaderNames.Accept].Any(value => value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
