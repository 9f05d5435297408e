using System.Security.Claims;

namespace Actors.Api.Auth;

/// <summary>The claims of an Open edX JWT that the API reads. Claim names are kept as Open edX writes them
/// (inbound claim mapping is off).</summary>
internal static class OpenEdxClaims
{
    /// <summary>The learner's username.</summary>
    public const string Username = "preferred_username";

    /// <summary><c>true</c> for staff (Django's <c>is_staff</c>); they reach every route.</summary>
    public const string Administrator = "administrator";

    /// <summary>OAuth scopes, one claim per scope (<c>course:publish</c> allows publishing).</summary>
    public const string Scopes = "scopes";

    public static string? UsernameOf(ClaimsPrincipal user) => user.FindFirst(Username)?.Value;

    /// <summary>Whether the token grants <paramref name="scope"/>.</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope) => user.HasClaim(Scopes, scope);

    /// <summary>Whether the token says administrator. The claim is a JSON boolean, so its value is compared as a
    /// boolean rather than as a string.</summary>
    public static bool IsAdministrator(ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == Administrator && bool.TryParse(c.Value, out var isAdministrator) && isAdministrator);
}
