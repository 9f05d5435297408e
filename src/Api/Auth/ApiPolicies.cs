using System.Security.Claims;

namespace Actors.Api.Auth;

/// <summary>The authorization policies. Every endpoint needs an authenticated user unless it says
/// <c>AllowAnonymous</c> (the fallback policy); these narrow it further.</summary>
public static class ApiPolicies
{
    /// <summary>The token carries <c>administrator: true</c>.</summary>
    public const string Administrator = "administrator";

    /// <summary>An administrator, signed in either with the browser session cookie (<c>/admin/sign-in</c>) or with a bearer
    /// token: a request with an <c>Authorization</c> header is judged by its token alone, any other by its cookie. Browsers
    /// without a session are sent to the sign-in page; other callers get 401. For the admin pages and the grain dashboard,
    /// whose browser code sends no token.</summary>
    public const string AdministratorSession = "administrator-session";

    /// <summary>The token is an administrator's or carries the <see cref="PublishScope"/> scope (Studio's service token).</summary>
    public const string CoursePublisher = "course-publisher";

    /// <summary>The OAuth scope that allows publishing and deleting courses.</summary>
    public const string PublishScope = "course:publish";

    /// <summary>The route's <c>{username}</c> is the token's <c>preferred_username</c>, or the token is an administrator's.</summary>
    public const string OwnUserOrAdministrator = "own-user-or-administrator";

    /// <summary>The route value that <see cref="OwnUserOrAdministrator"/> compares with the token.</summary>
    public const string UsernameRouteValue = "username";

    /// <summary>The rule behind <see cref="OwnUserOrAdministrator"/>. Usernames compare exactly, as Open edX stores them.</summary>
    public static bool IsOwnUserOrAdministrator(ClaimsPrincipal user, string? routeUsername) =>
        OpenEdxClaims.IsAdministrator(user)
        || (routeUsername is not null && string.Equals(OpenEdxClaims.UsernameOf(user), routeUsername, StringComparison.Ordinal));

    /// <summary>Limits the endpoints (a route group, say the grain dashboard's) to administrators signed in with the
    /// session cookie or sending a bearer token (<see cref="AdministratorSession"/>). The cookie is sent only to paths
    /// under <c>/admin</c>, so only endpoints there can be reached with it.</summary>
    public static TBuilder RequireAdministratorSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AdministratorSession);

    /// <summary>Limits the endpoints of a route group whose pattern contains <c>{username}</c> to that user and administrators.</summary>
    public static TBuilder RequireOwnUserOrAdministrator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(OwnUserOrAdministrator);
}
