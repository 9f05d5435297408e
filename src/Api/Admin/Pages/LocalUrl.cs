namespace Actors.Api.Admin.Pages;

/// <summary>Where a browser may be sent back to after signing in: only a path on this host, so a link to the sign-in
/// page cannot forward a fresh session's browser to another site.</summary>
internal static class LocalUrl
{
    /// <summary>The landing page, where a sign-in without a usable return URL goes.</summary>
    public const string Default = "/admin";

    /// <summary><paramref name="url"/> if it is a local path (one leading <c>/</c>, not <c>//</c> or <c>/\</c>, which
    /// browsers read as another host; no control characters), else <see cref="Default"/>.</summary>
    public static string OrDefault(string? url) => IsLocal(url) ? url! : Default;

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
