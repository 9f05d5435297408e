using System.Text;
using Actors.Api.Auth;
using Microsoft.AspNetCore.Antiforgery;

namespace Actors.Api.Admin.Pages;

/// <summary><c>GET /admin</c>: who is signed in, the way to the grain dashboard, the JSON admin endpoints (listed from
/// the routing table, so the list cannot go stale) and the sign-out button.</summary>
internal static class LandingPage
{
    /// <summary>Where the grain dashboard is mounted.</summary>
    public const string DashboardPath = "/admin/grains";

    /// <summary>The prefix of the JSON admin endpoints listed on the page.</summary>
    public const string AdminApiPrefix = "/admin/api";

    public static IResult Show(HttpContext context, IAntiforgery antiforgery, EndpointDataSource endpoints)
    {
        var username = OpenEdxClaims.UsernameOf(context.User) ?? "(a token without preferred_username)";
        var how = context.User.Identity?.AuthenticationType == AdminSessionDefaults.CookieScheme ? "with a browser session" : "with a bearer token";
        var body = new StringBuilder()
            .Append("<h1>Actors administration</h1>")
            .Append($"<p>Signed in as <strong id=\"signed-in-user\">{AdminPageHtml.Encode(username)}</strong> {how}.</p>")
            .Append("<h2>Cluster</h2><ul>")
            .Append($"<li><a href=\"{DashboardPath}/\" id=\"grain-dashboard\">Grain dashboard</a>: silos, activations, grain method calls and reminders.</li>")
            .Append("</ul><h2>JSON endpoints</h2>")
            .Append("<p>For scripts: they take the token itself, not this session (<code>Authorization: Bearer &lt;token&gt;</code>). ")
            .Append("<a href=\"/openapi/v1.json\">The OpenAPI document</a> describes them.</p><ul>");
        foreach (var (methods, pattern) in AdminApiRoutes(endpoints))
            body.Append($"<li><code>{AdminPageHtml.Encode(methods)} {AdminPageHtml.Encode(pattern)}</code></li>");
        body.Append("</ul>")
            .Append("<form method=\"post\" action=\"/admin/sign-out\">")
            .Append(AdminPageHtml.AntiforgeryField(context, antiforgery))
            .Append("<button type=\"submit\" id=\"sign-out\">Sign out</button></form>");
        return AdminPageHtml.Page(context, "Administration", body.ToString());
    }

    /// <summary>The routes under <see cref="AdminApiPrefix"/>, each with its HTTP methods, in path order.</summary>
    internal static IEnumerable<(string Methods, string Pattern)> AdminApiRoutes(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith(AdminApiPrefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(e => e.RoutePattern.RawText!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (string.Join("|", g.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Distinct()), g.Key));
}
