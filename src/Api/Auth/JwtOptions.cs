namespace Actors.Api.Auth;

/// <summary>
/// How bearer tokens are checked and minted. Section <c>Jwt</c>. Tokens are Open edX JWTs: signed HS256 with a secret
/// shared with the LMS (its <c>JWT_AUTH["JWT_SECRET_KEY"]</c>), carrying <c>preferred_username</c>, <c>administrator</c>
/// and <c>scopes</c>.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Jwt";

    /// <summary>The HS256 shared secret, as UTF-8. Required, at least 32 bytes (the signing library refuses shorter HS256
    /// keys). No default: <c>appsettings.Development.json</c> holds a public development secret; anywhere else the API
    /// does not start without one.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The expected <c>iss</c> claim, the LMS's <c>JWT_ISSUER</c>. Default <c>http://localhost:18000/oauth2</c>
    /// (Open edX devstack).</summary>
    public string Issuer { get; set; } = "http://localhost:18000/oauth2";

    /// <summary>The expected <c>aud</c> claim, the LMS's <c>JWT_AUDIENCE</c>. Default <c>lms-key</c> (Open edX devstack).</summary>
    public string Audience { get; set; } = "lms-key";

    /// <summary>Lifetime of the tokens this host mints itself (the <c>token</c> command and the development token).
    /// Default 8 h, a working day. Tokens from the LMS carry their own expiry.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
