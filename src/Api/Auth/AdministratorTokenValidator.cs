using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Auth;

/// <summary>Why a token pasted at sign-in was refused.</summary>
internal enum AdministratorTokenRefusal
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>The signature, issuer, audience or format is wrong.</summary>
    Invalid,

    /// <summary>Valid but past its <c>exp</c>.</summary>
    Expired,

    /// <summary>Valid, but its <c>administrator</c> claim is not <c>true</c>.</summary>
    NotAdministrator,
}

/// <summary>The outcome of checking a pasted token: the token's identity and expiry when it is an administrator's.</summary>
internal sealed record AdministratorTokenCheck(AdministratorTokenRefusal Refusal, ClaimsIdentity? Identity, DateTimeOffset Expires)
{
    public static AdministratorTokenCheck Refused(AdministratorTokenRefusal refusal) => new(refusal, null, default);
}

/// <summary>
/// Checks a token pasted into the sign-in form exactly as the bearer scheme checks an <c>Authorization</c> header: the
/// same token handlers (the token cache included) with the same <see cref="TokenValidationParameters"/>, taken from the
/// bearer scheme's options, so the two cannot disagree. Then it must be an administrator's.
/// </summary>
internal sealed class AdministratorTokenValidator(IOptionsMonitor<JwtBearerOptions> bearerOptions)
{
    public async Task<AdministratorTokenCheck> CheckAsync(string token)
    {
        var bearer = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        var refusal = AdministratorTokenRefusal.Invalid;
        foreach (var handler in bearer.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, bearer.TokenValidationParameters);
            if (!result.IsValid)
            {
                if (result.Exception is SecurityTokenExpiredException)
                    refusal = AdministratorTokenRefusal.Expired;
                continue;
            }

            if (!OpenEdxClaims.IsAdministrator(new ClaimsPrincipal(result.ClaimsIdentity)))
                return AdministratorTokenCheck.Refused(AdministratorTokenRefusal.NotAdministrator);
            var expires = new DateTimeOffset(DateTime.SpecifyKind(result.SecurityToken.ValidTo, DateTimeKind.Utc));
            return new AdministratorTokenCheck(AdministratorTokenRefusal.None, result.ClaimsIdentity, expires);
        }

        return AdministratorTokenCheck.Refused(refusal);
    }
}
