namespace Actors.Api.Auth;

/// <summary>Names of the administrators' browser session: its schemes, cookies and form fields.</summary>
public static class AdminSessionDefaults
{
    /// <summary>The cookie scheme that holds a signed-in administrator.</summary>
    public const string CookieScheme = "AdminSession";

    /// <summary>The scheme of <see cref="ApiPolicies.AdministratorSession"/>: a request with an <c>Authorization</c>
    /// header is authenticated (and challenged) by the bearer scheme, any other by <see cref="CookieScheme"/>.</summary>
    public const string CookieOrBearerScheme = "AdminSessionOrBearer";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = ".Actors.Admin";

    /// <summary>The antiforgery cookie's name.</summary>
    public const string AntiforgeryCookieName = ".Actors.Admin.Antiforgery";

    /// <summary>The path both cookies are limited to: browsers send them to the admin pages only.</summary>
    public const string CookiePath = "/admin";

    /// <summary>Where browsers sign in.</summary>
    public const string SignInPath = "/admin/sign-in";

    /// <summary>The query parameter and form field naming the local page to go back to after signing in.</summary>
    public const string ReturnUrlParameter = "returnUrl";
}
