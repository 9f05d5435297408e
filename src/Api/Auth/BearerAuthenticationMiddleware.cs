using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Auth;

/// <summary>
/// Authenticates every request with the bearer scheme, as <c>UseAuthentication</c> does, with one shortcut: a bearer
/// token that <see cref="CachingTokenHandler"/> already accepted and would still accept becomes <see cref="HttpContext.User"/>
/// (a fresh copy of its identity) straight away, without building the scheme's handler, its events and its ticket for
/// every request. Any other request (no token, an unknown, expired or malformed token, several Authorization headers,
/// or the cache turned off) goes through the scheme in full, so its outcome, its 401 challenge with
/// <c>WWW-Authenticate</c> and the token cache's own rules are exactly those of the JWT bearer handler. The API has no
/// remote (redirecting) authentication schemes, so there is nothing else for this step to do. The bearer scheme's
/// events (<c>JwtBearerEvents</c>) therefore run only for tokens validated in full; the API sets none.
/// </summary>
internal sealed class BearerAuthenticationMiddleware
{
    private const string Prefix = "Bearer ";

    private readonly RequestDelegate _next;
    private readonly CachingTokenHandler? _tokens;
    private readonly TokenValidationParameters _parameters;

    public BearerAuthenticationMiddleware(RequestDelegate next, IOptionsMonitor<JwtBearerOptions> options)
    {
        _next = next;
        var bearer = options.Get(JwtBearerDefaults.AuthenticationScheme);
        _tokens = bearer.TokenHandlers.OfType<CachingTokenHandler>().FirstOrDefault();
        _parameters = bearer.TokenValidationParameters;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_tokens is not null && KeptIdentity(context.Request.Headers.Authorization) is { } identity)
        {
            context.User = new ClaimsPrincipal(identity);
            return _next(context);
        }

        return AuthenticateInFullAsync(context);
    }

    private ClaimsIdentity? KeptIdentity(Microsoft.Extensions.Primitives.StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } header || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return null;
        var token = header.AsSpan(Prefix.Length).Trim();
        return token.IsEmpty || !_tokens!.TryGetAccepted(token.ToString(), _parameters, out var identity) ? null : identity;
    }

    // What the framework's authentication middleware does for a default scheme that is not a remote one.
    private async Task AuthenticateInFullAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Principal is not null)
            context.User = result.Principal;
        if (result.Succeeded)
        {
            var feature = new AuthenticationResultFeature(result);
            context.Features.Set<IHttpAuthenticationFeature>(feature);
            context.Features.Set<IAuthenticateResultFeature>(feature);
        }

        await _next(context);
    }

    private sealed class AuthenticationResultFeature(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;

        public ClaimsPrincipal? User
        {
            get => AuthenticateResult?.Principal;
            set => AuthenticateResult = value is null ? null : AuthenticateResult.Success(new AuthenticationTicket(value, JwtBearerDefaults.AuthenticationScheme));
        }
    }
}

/// <summary>Adds <see cref="BearerAuthenticationMiddleware"/> to the pipeline in place of <c>UseAuthentication</c>.</summary>
internal static class BearerAuthenticationApplicationBuilderExtensions
{
    // The property the framework's UseAuthentication sets; a WebApplication whose services include authentication adds
    // that middleware itself at the start of the pipeline unless it finds this property.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static IApplicationBuilder UseBearerAuthentication(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.UseMiddleware<BearerAuthenticationMiddleware>();
    }
}
