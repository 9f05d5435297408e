using Microsoft.AspNetCore.Http;

namespace Actors.Api.Auth;

/// <summary>
/// The browser session of an administrator who signed in at <c>/admin/sign-in</c> with a token. Section
/// <c>Api:AdminSession</c>.
/// </summary>
public sealed class AdminSessionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:AdminSession";

    /// <summary>How long a session lasts without a request; each request in its second half renews it for this long
    /// again (sliding). It never outlives the token it was made from. Default 30 minutes. Environment variable
    /// <c>Api__AdminSession__Lifetime</c>.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>When the session and antiforgery cookies carry <c>Secure</c>. Default <see cref="CookieSecurePolicy.SameAsRequest"/>:
    /// on HTTPS requests only. Set <see cref="CookieSecurePolicy.Always"/> behind a proxy that ends TLS and forwards plain
    /// HTTP.</summary>
    public CookieSecurePolicy SecurePolicy { get; set; } = CookieSecurePolicy.SameAsRequest;
}
