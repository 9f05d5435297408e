using System.Security.Claims;
using Actors.Api.Auth;

namespace Actors.Api.Tests.Auth;

public sealed class ApiPoliciesTests
{
    [Theory]
    [InlineData("alice", null, "alice", true)]
    [InlineData("alice", null, "bob", false)]
    [InlineData("alice", null, "ALICE", false)]
    [InlineData("alice", "false", "bob", false)]
    [InlineData("alice", "true", "bob", true)]
    [InlineData("alice", "True", "bob", true)]
    [InlineData("alice", "yes", "bob", false)]
    [InlineData(null, null, "alice", false)]
    [InlineData("alice", null, null, false)]
    public void IsOwnUserOrAdministrator_TokenAndRoute_Decides(string? username, string? administrator, string? routeUsername, bool allowed)
    {
        var claims = new List<Claim>();
        if (username is not null)
            claims.Add(new Claim("preferred_username", username));
        if (administrator is not null)
            claims.Add(new Claim("administrator", administrator));
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));

        Assert.Equal(allowed, ApiPolicies.IsOwnUserOrAdministrator(user, routeUsername));
    }
}
