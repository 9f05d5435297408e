using Actors.Api.Auth;

namespace Actors.Api.Admin.Pages;

/// <summary>Maps the administrators' browser pages under <c>/admin</c>.</summary>
public static class AdminPages
{
    /// <summary>The path of the group <see cref="MapAdminPages"/> returns.</summary>
    public const string Prefix = "/admin";

    /// <summary>
    /// Maps <c>GET /admin</c> (the landing page), <c>GET|POST /admin/sign-in</c> (anonymous) and <c>POST /admin/sign-out</c>,
    /// and returns their <c>/admin</c> group, which requires <see cref="ApiPolicies.AdministratorSession"/>: endpoints
    /// mapped into it later (the grain dashboard, say) need a signed-in administrator too. Needs
    /// <c>AddAdminSession</c>'s services. The group is left out of the OpenAPI document: it answers HTML.
    /// </summary>
    public static RouteGroupBuilder MapAdminPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix).RequireAdministratorSession().ExcludeFromDescription();
        group.MapGet("", LandingPage.Show);
        group.MapGet("/sign-in", SignInPage.Show).AllowAnonymous();
        group.MapPost("/sign-in", SignInPage.SubmitAsync).AllowAnonymous();
        group.MapPost("/sign-out", SignOutEndpoint.SignOutAsync);
        return group;
    }
}
