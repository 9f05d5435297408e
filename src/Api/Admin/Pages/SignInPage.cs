using Actors.Api.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Actors.Api.Admin.Pages;

/// <summary>
/// <c>/admin/sign-in</c>: a form where an administrator pastes a token (an Open edX JWT with <c>administrator: true</c>).
/// A token the bearer scheme accepts becomes a session cookie and the browser goes on to the page it came from; any
/// other answer is the form again with the reason: 400 for a missing token or a failed antiforgery check, 401 for a
/// token that is invalid, expired or not an administrator's. No cookie is set then.
/// </summary>
internal static class SignInPage
{
    /// <summary>The form field holding the pasted token.</summary>
    public const string TokenField = "token";

    /// <summary>The query parameter the sign-out sets, so the form says the session ended.</summary>
    public const string SignedOutParameter = "signedOut";

    public static IResult Show(HttpContext context, IAntiforgery antiforgery, string? returnUrl, bool signedOut = false) =>
        Render(context, antiforgery, LocalUrl.OrDefault(returnUrl), error: null, signedOut, StatusCodes.Status200OK);

    public static async Task<IResult> SubmitAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        AdministratorTokenValidator validator,
        IOptions<AdminSessionOptions> options,
        TimeProvider time)
    {
        if (!context.Request.HasFormContentType)
            return Render(context, antiforgery, LocalUrl.Default, "Sign in with the form on this page.", signedOut: false, StatusCodes.Status400BadRequest);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalUrl.OrDefault(form[AdminSessionDefaults.ReturnUrlParameter]);
        if (!await antiforgery.IsRequestValidAsync(context))
            return Render(context, antiforgery, returnUrl,
                "The form had expired or did not come from this page. Paste the token again.", signedOut: false, StatusCodes.Status400BadRequest);
        var token = form[TokenField].ToString().Trim();
        if (token.Length == 0)
            return Render(context, antiforgery, returnUrl, "Paste an administrator token.", signedOut: false, StatusCodes.Status400BadRequest);

        var check = await validator.CheckAsync(token);
        if (check.Refusal != AdministratorTokenRefusal.None)
            return Render(context, antiforgery, returnUrl, Reason(check.Refusal), signedOut: false, StatusCodes.Status401Unauthorized);

        var (principal, properties) = AdminSessionTicket.Create(check.Identity!, check.Expires, time.GetUtcNow(), options.Value.Lifetime);
        await context.SignInAsync(AdminSessionDefaults.CookieScheme, principal, properties);
        return TypedResults.Redirect(returnUrl);
    }

    internal static string Reason(AdministratorTokenRefusal refusal) => refusal switch
    {
        AdministratorTokenRefusal.Expired => "This token has expired. Ask for a new one (or mint one with the token command).",
        AdministratorTokenRefusal.NotAdministrator => "This token is valid but not an administrator's: its administrator claim is not true.",
        _ => "This token is not valid here: it is malformed, or its signature, issuer or audience is not this service's.",
    };

    /// <summary>The form, with <paramref name="error"/> (if any) above it, or a note that the session ended.</summary>
    private static IResult Render(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error, bool signedOut, int statusCode)
    {
        var notice = error is not null
            ? $"<p class=\"message\" id=\"sign-in-error\" role=\"alert\">{AdminPageHtml.Encode(error)}</p>"
            : signedOut ? "<p class=\"note\" id=\"signed-out\" role=\"status\">You have signed out.</p>" : "";
        var body =
            "<h1>Sign in</h1>" + notice +
            "<p>Paste an administrator token: a JWT from the LMS (or this service's <code>token --admin</code> command) " +
            "whose <code>administrator</code> claim is true. The token is checked and then forgotten; the browser keeps a " +
            "short session instead.</p>" +
            $"<form method=\"post\" action=\"{AdminSessionDefaults.SignInPath}\">" +
            AdminPageHtml.AntiforgeryField(context, antiforgery) +
            $"<input type=\"hidden\" name=\"{AdminSessionDefaults.ReturnUrlParameter}\" value=\"{AdminPageHtml.Encode(returnUrl)}\">" +
            $"<p><label for=\"{TokenField}\">Token</label><br>" +
            $"<textarea id=\"{TokenField}\" name=\"{TokenField}\" rows=\"6\" required autocomplete=\"off\" spellcheck=\"false\"></textarea></p>" +
            "<p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form>";
        return AdminPageHtml.Page(context, "Sign in", body, statusCode);
    }
}
