using Actors.Api.Auth;

namespace Actors.Api.Tests.Admin;

public sealed class AdminSessionTicketTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(120, 30, 30)]
    [InlineData(10, 30, 10)]
    [InlineData(30, 30, 30)]
    public void ExpiresAt_SessionLifetimeAndTokenExpiry_TakesTheEarlier(int tokenMinutesLeft, int lifetimeMinutes, int expectedMinutes)
    {
        var expires = AdminSessionTicket.ExpiresAt(Now, Now.AddMinutes(tokenMinutesLeft), TimeSpan.FromMinutes(lifetimeMinutes));

        Assert.Equal(Now.AddMinutes(expectedMinutes), expires);
    }

    [Fact]
    public void TokenStillValid_BeforeAndAtTheTokensExpiry_TrueThenFalse()
    {
        var identity = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("preferred_username", "staff")], "test");
        var (_, properties) = AdminSessionTicket.Create(identity, Now.AddMinutes(10), Now, TimeSpan.FromMinutes(30));

        Assert.True(AdminSessionTicket.TokenStillValid(properties, Now.AddMinutes(9)));
        Assert.False(AdminSessionTicket.TokenStillValid(properties, Now.AddMinutes(10)));
    }

    [Fact]
    public void TokenStillValid_TicketWithoutTheTokensExpiry_False()
    {
        Assert.False(AdminSessionTicket.TokenStillValid(new Microsoft.AspNetCore.Authentication.AuthenticationProperties(), Now));
    }
}
