using Actors.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Api.Accounts;

/// <summary>
/// <c>/api/user/v1/accounts/{username}</c>, Open edX's account path. There is no user store here, so the answer is the
/// part of Open edX's account shape the API knows: the username. Its real job today is to be the first
/// learner-scoped route: a learner reaches only their own, an administrator reaches all, as every
/// <c>{username}</c> route will.
/// </summary>
internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup($"/api/user/v1/accounts/{{{ApiPolicies.UsernameRouteValue}}}")
            .WithTags("Accounts")
            .RequireOwnUserOrAdministrator();
        group.MapGet("", GetAccount);
        return group;
    }

    private static Ok<Account> GetAccount(string username) => TypedResults.Ok(new Account(username));
}

/// <summary>An Open edX account, as far as the API knows it.</summary>
/// <param name="Username">The username.</param>
public sealed record Account(string Username);
