using Actors.Api.Auth;
using Orleans.Dashboard;

namespace Actors.Api.Admin;

/// <summary>
/// The Orleans Dashboard (grain activity: silos, activations, calls per method, reminders) under
/// <see cref="Prefix"/>, for administrators only: a browser signed in at <c>/admin/sign-in</c> (session cookie) or a
/// script with an administrator's bearer token. Its live log stream is hidden (<c>HideTrace</c>) and its grain-state
/// viewer is switched off, because that viewer works by calling grain methods, which could change our grains.
/// </summary>
internal static class GrainDashboard
{
    /// <summary>Where the dashboard is mounted.</summary>
    public const string Prefix = "/admin/grains";

    /// <summary>The dashboard's endpoint that calls grain methods to show a grain's state.</summary>
    public const string GrainStateEndpoint = "/GrainState";

    /// <summary>The dashboard options every host uses.</summary>
    public static void Configure(DashboardOptions options) => options.HideTrace = true;

    /// <summary>Maps the dashboard's page, assets and JSON endpoints, all behind the administrator session.</summary>
    public static RouteGroupBuilder MapGrainDashboard(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapOrleansDashboard(Prefix).RequireAdministratorSession();
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Path.Value?.EndsWith(GrainStateEndpoint, StringComparison.OrdinalIgnoreCase) == true
                ? TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "The grain-state viewer is switched off.",
                    detail: "It reads a grain's state by calling the grain's methods, which may change it.")
                : await next(context));
        return group;
    }
}
