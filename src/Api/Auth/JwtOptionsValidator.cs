using System.Text;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>Checks <see cref="JwtOptions"/> at start-up (and in the <c>token</c> command); messages name the setting.</summary>
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    /// <summary>HS256 keys shorter than 256 bits are refused by the signing library.</summary>
    public const int MinimumSecretBytes = 32;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        var secretBytes = Encoding.UTF8.GetByteCount(options.Secret);
        if (secretBytes == 0)
            failures.Add("Jwt:Secret is not set. Set it (environment variable Jwt__Secret) to the LMS's JWT secret.");
        else if (secretBytes < MinimumSecretBytes)
            failures.Add($"Jwt:Secret is {secretBytes} bytes; HS256 needs at least {MinimumSecretBytes}.");
        if (string.IsNullOrWhiteSpace(options.Issuer))
            failures.Add("Jwt:Issuer is empty.");
        if (string.IsNullOrWhiteSpace(options.Audience))
            failures.Add("Jwt:Audience is empty.");
        if (options.TokenLifetime <= TimeSpan.Zero)
            failures.Add($"Jwt:TokenLifetime is {options.TokenLifetime}; it must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
