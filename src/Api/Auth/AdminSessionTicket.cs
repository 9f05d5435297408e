using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Actors.Api.Auth;

/// <summary>What an administrator's session cookie holds besides the token's claims: when the token it was made from
/// expires, so the session ends then however often it slides.</summary>
internal static class AdminSessionTicket
{
    private const string TokenExpiresItem = "actors.token_expires";

    /// <summary>The principal and properties of a session made from a validated administrator token at
    /// <paramref name="now"/>: it expires after <paramref name="lifetime"/>, or when the token does if that is sooner.</summary>
    public static (ClaimsPrincipal Principal, AuthenticationProperties Properties) Create(
        ClaimsIdentity token, DateTimeOffset tokenExpires, DateTimeOffset now, TimeSpan lifetime)
    {
        var claims = token.Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer));
        var identity = new ClaimsIdentity(claims, AdminSessionDefaults.CookieScheme, OpenEdxClaims.Username, roleType: null);
        var properties = new AuthenticationProperties
        {
            IsPersistent = false, // a browser-session cookie; the ticket inside carries the expiry
            IssuedUtc = now,
            ExpiresUtc = ExpiresAt(now, tokenExpires, lifetime),
            AllowRefresh = true,
        };
        properties.Items[TokenExpiresItem] = tokenExpires.UtcTicks.ToString(CultureInfo.InvariantCulture);
        return (new ClaimsPrincipal(identity), properties);
    }

    /// <summary>The earlier of <paramref name="now"/> + <paramref name="lifetime"/> and <paramref name="tokenExpires"/>.</summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset now, DateTimeOffset tokenExpires, TimeSpan lifetime) =>
        now + lifetime < tokenExpires ? now + lifetime : tokenExpires;

    /// <summary>Whether a session with <paramref name="properties"/> may still be used at <paramref name="now"/>: it
    /// records its token's expiry and that has not passed. A ticket without the record is not a session this API issued.</summary>
    public static bool TokenStillValid(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items.TryGetValue(TokenExpiresItem, out var value)
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
        && ticks <= DateTimeOffset.MaxValue.UtcTicks
        && now < new DateTimeOffset(ticks, TimeSpan.Zero);
}
