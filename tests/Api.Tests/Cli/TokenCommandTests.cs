using System.Net;
using Actors.Api.Cli;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Actors.Api.Tests.Cli;

/// <summary><c>token --user NAME [--admin]</c>: what it prints, and that the API accepts it.</summary>
public sealed class TokenCommandTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task Token_ForLearner_IsAcceptedForTheirOwnRoute()
    {
        await using var app = new ApiApplication();

        var exitCode = Run("--user", "alice");

        Assert.Equal(0, exitCode);
        Assert.Equal("", _error.ToString());
        var client = app.CreateClient(_output.ToString().Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/user/v1/accounts/alice")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/api/silos")).StatusCode);
    }

    [Fact]
    public async Task Token_WithAdmin_ReachesAdminEndpoints()
    {
        await using var app = new ApiApplication();

        var exitCode = Run("--user", "staff", "--admin");

        Assert.Equal(0, exitCode);
        var response = await app.CreateClient(_output.ToString().Trim()).GetAsync("/admin/api/silos");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Token_WithScopesAndLifetime_CarriesThem()
    {
        var exitCode = Run("--user", "alice", "--scopes", "read, profile", "--lifetime", "00:10:00");

        Assert.Equal(0, exitCode);
        var token = new JsonWebToken(_output.ToString().Trim());
        Assert.Equal(["read", "profile"], token.Claims.Where(c => c.Type == "scopes").Select(c => c.Value));
        Assert.Equal(TimeSpan.FromMinutes(10), token.ValidTo - token.IssuedAt);
        Assert.Equal("false", token.GetClaim("administrator").Value, ignoreCase: true);
    }

    [Theory]
    [InlineData]
    [InlineData("--admin")]
    [InlineData("--user")]
    [InlineData("--user", "--admin")]
    [InlineData("--user", "alice", "--verbose")]
    [InlineData("--user", "alice", "--lifetime", "soon")]
    [InlineData("--user", "alice", "--lifetime", "-01:00:00")]
    [InlineData("alice")]
    public void Token_BadArguments_ExitsWith2AndExplainsOnStandardError(params string[] args)
    {
        var exitCode = Run(args);

        Assert.Equal(TokenCommand.InvalidArguments, exitCode);
        Assert.Equal("", _output.ToString());
        Assert.Contains("Usage:", _error.ToString());
    }

    [Fact]
    public void Token_Help_PrintsUsageAndExits0()
    {
        var exitCode = Run("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--user NAME", _output.ToString());
    }

    [Fact]
    public void Token_NoSecretConfigured_ExitsWith1NamingTheSetting()
    {
        var exitCode = TokenCommand.Run(["--user", "alice"], new ConfigurationBuilder().Build(), TimeProvider.System, _output, _error);

        Assert.Equal(TokenCommand.InvalidConfiguration, exitCode);
        Assert.Equal("", _output.ToString());
        Assert.Contains("Jwt:Secret", _error.ToString());
    }

    [Fact]
    public void IsInvocation_FirstArgumentToken_IsTrue()
    {
        Assert.True(TokenCommand.IsInvocation(["token", "--user", "alice"]));
        Assert.False(TokenCommand.IsInvocation(["--urls", "http://127.0.0.1:5081"]));
        Assert.False(TokenCommand.IsInvocation([]));
    }

    private int Run(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jwt:Secret"] = ApiApplication.Secret,
            ["Jwt:Issuer"] = ApiApplication.Issuer,
            ["Jwt:Audience"] = ApiApplication.Audience,
        }).Build();
        return TokenCommand.Run(args, configuration, TimeProvider.System, _output, _error);
    }
}
