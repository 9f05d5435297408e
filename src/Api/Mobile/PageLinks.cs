using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Actors.Api.Mobile;

/// <summary>
/// The <c>next</c> and <c>previous</c> links of a page, built as DRF's <c>PageNumberPagination</c> builds them: the
/// request's absolute URL with <c>page</c> set to the other page's number (removed for page 1), the query parameters
/// sorted by name and form-encoded (<c>replace_query_param</c> / <c>remove_query_param</c>).
/// </summary>
internal static class PageLinks
{
    /// <summary>The request's URL for <paramref name="page"/>, or without <c>page</c> when <paramref name="page"/> is 1.</summary>
    public static string For(HttpRequest request, int page)
    {
        var parameters = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key != "page")
            .Select(p => (p.Key, Values: (IEnumerable<string?>)p.Value))
            .ToList();
        if (page != 1)
            parameters.Add(("page", [page.ToString(System.Globalization.CultureInfo.InvariantCulture)]));

        var url = new StringBuilder().Append(request.Scheme).Append("://").Append(request.Host.ToUriComponent())
            .Append(request.PathBase.ToUriComponent()).Append(request.Path.ToUriComponent());
        var separator = '?';
        foreach (var (key, values) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var value in values)
            {
                url.Append(separator).Append(FormEncode(key)).Append('=').Append(FormEncode(value ?? ""));
                separator = '&';
            }
        }

        return url.ToString();
    }

    /// <summary>Python's <c>quote_plus</c>: unreserved characters kept, space as <c>+</c>, the rest percent-encoded.</summary>
    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
