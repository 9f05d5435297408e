using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Actors.Api.Tests.Auth;

public sealed class TokenIssuerTests
{
    [Fact]
    public void Issue_Administrator_CarriesOpenEdxClaims()
    {
        var token = new JsonWebToken(new TokenIssuer(ApiApplication.JwtOptions, TimeProvider.System).Issue("staff", administrator: true));

        Assert.Equal("HS256", token.Alg);
        Assert.Equal(ApiApplication.Issuer, token.Issuer);
        Assert.Equal([ApiApplication.Audience], token.Audiences);
        Assert.Equal("staff", token.GetClaim("preferred_username").Value);
        Assert.Equal("true", token.GetClaim("administrator").Value, ignoreCase: true);
        Assert.Equal(TokenIssuer.DefaultScopes, token.Claims.Where(c => c.Type == "scopes").Select(c => c.Value));
        Assert.Equal(new JwtOptions().TokenLifetime, token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Issue_Token_PassesTheApisValidation()
    {
        var options = ApiApplication.JwtOptions;
        var token = new TokenIssuer(options, TimeProvider.System).Issue("alice", administrator: false);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, TokenIssuer.ValidationParameters(options));

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("alice", result.ClaimsIdentity.Name);
    }
}
