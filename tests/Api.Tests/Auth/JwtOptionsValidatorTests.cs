using Actors.Api.Auth;

namespace Actors.Api.Tests.Auth;

public sealed class JwtOptionsValidatorTests
{
    [Fact]
    public void Validate_DefaultsWithLongSecret_Succeeds() =>
        Assert.True(new JwtOptionsValidator().Validate(null, new JwtOptions { Secret = new string('s', 32) }).Succeeded);

    [Theory]
    [InlineData("", "Jwt:Secret is not set")]
    [InlineData("lms-secret", "Jwt:Secret is 10 bytes")]
    public void Validate_MissingOrShortSecret_FailsNamingTheSetting(string secret, string message)
    {
        var result = new JwtOptionsValidator().Validate(null, new JwtOptions { Secret = secret });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }

    [Fact]
    public void Validate_EmptyIssuerAndAudience_FailsNamingBoth()
    {
        var result = new JwtOptionsValidator().Validate(null, new JwtOptions { Secret = new string('s', 32), Issuer = "", Audience = " " });

        Assert.Contains("Jwt:Issuer", result.FailureMessage);
        Assert.Contains("Jwt:Audience", result.FailureMessage);
    }
}
