using Actors.Api.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Actors.Api.Admin.Pages;

/// <summary><c>POST /admin/sign-out</c>: ends the session (the cookie is deleted) and shows the sign-in form. The form
/// that posts it carries an antiforgery token, so another site cannot sign an administrator out.</summary>
internal static class SignOutEndpoint
{
    public static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            return AdminPageHtml.Page(context, "Sign out",
                "<h1>Sign out</h1><p class=\"message\" role=\"alert\">The form had expired or did not come from this site; " +
                "you are still signed in.</p><p><a href=\"/admin\">Back to administration</a></p>",
                StatusCodes.Status400BadRequest);
        await context.SignOutAsync(AdminSessionDefaults.CookieScheme);
        return TypedResults.Redirect($"{AdminSessionDefaults.SignInPath}?{SignInPage.SignedOutParameter}=true");
    }
}
