using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Auth;

/// <summary>
/// Mints tokens shaped like the JWTs Open edX issues (HS256; <c>preferred_username</c>, <c>administrator</c>,
/// <c>scopes</c>), for development and scripts: the <c>token</c> command and the development admin token use it, and
/// <see cref="ValidationParameters"/> is how the API checks every token, so the two cannot drift apart.
/// </summary>
public sealed class TokenIssuer(JwtOptions options, TimeProvider time)
{
    /// <summary>Scopes of a minted token unless others are asked for: what the LMS grants its own first-party clients.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["read", "write", "email", "profile"];

    /// <summary>A signed token for <paramref name="username"/>, valid for <paramref name="lifetime"/>
    /// (default <see cref="JwtOptions.TokenLifetime"/>).</summary>
    public string Issue(string username, bool administrator, IReadOnlyList<string>? scopes = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? options.TokenLifetime),
            Claims = new Dictionary<string, object>
            {
                [OpenEdxClaims.Username] = username,
                [OpenEdxClaims.Administrator] = administrator,
                [OpenEdxClaims.Scopes] = (scopes ?? DefaultScopes).ToArray(),
            },
            SigningCredentials = new SigningCredentials(SigningKey(options), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>How the API validates a bearer token: HS256 with the shared secret, issuer, audience and lifetime checked;
    /// the name is <c>preferred_username</c>.</summary>
    public static TokenValidationParameters ValidationParameters(JwtOptions options) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = SigningKey(options),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = OpenEdxClaims.Username,
    };

    private static SymmetricSecurityKey SigningKey(JwtOptions options) => new(Encoding.UTF8.GetBytes(options.Secret));
}
