using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Actors.Api.Mobile;

/// <summary>
/// The query of <c>GET /api/mobile/v4/users/{username}/course_enrollments/</c>, read as Open edX's v4 view and its
/// paginator (DRF's <c>PageNumberPagination</c> under edx-drf-extensions' <c>DefaultPagination</c>) read it, except that
/// a malformed value is answered 400 naming the field instead of being ignored or answered 404:
/// <list type="bullet">
/// <item><c>page</c>: absent or empty is 1; <c>last</c> is the last page; otherwise a positive integer (else 400). A page
/// past the last is 404 "Invalid page." as in Open edX (decided once the count is known).</item>
/// <item><c>page_size</c>: absent is <see cref="MobileOptions.DefaultPageSize"/>; a positive integer, clamped to
/// <see cref="MobileOptions.MaxPageSize"/> as Open edX clamps (else 400; Open edX silently uses the default).</item>
/// <item><c>org</c>: only courses of that organization (case-insensitive, as Open edX compares it).</item>
/// <item><c>status</c>: Open edX's v4 filters <c>in_progress</c>, <c>completed</c> and <c>expired</c> are not served here
/// (400); any other value is ignored, as Open edX ignores it.</item>
/// </list>
/// When the same parameter is repeated, the last value counts (Django's <c>QueryDict.get</c>).
/// </summary>
/// <param name="Page">The page asked for; null when <c>last</c>.</param>
/// <param name="PageSize">Enrollments per page.</param>
/// <param name="Org">The organization filter, or null.</param>
internal sealed record EnrollmentListQuery(int? Page, int PageSize, string? Org)
{
    /// <summary>Open edX's v4 <c>EnrollmentStatuses</c>.</summary>
    private static readonly string[] StatusFilters = ["in_progress", "completed", "expired"];

    /// <summary>The query, or null with the problems added to <paramref name="errors"/> by parameter name.</summary>
    public static EnrollmentListQuery? Read(IQueryCollection query, MobileOptions options, Dictionary<string, string[]> errors)
    {
        int? page = 1;
        var pageValue = Last(query["page"]);
        if (pageValue == "last")
            page = null;
        else if (!string.IsNullOrEmpty(pageValue))
        {
            page = PositiveInteger(pageValue);
            if (page is null)
                errors["page"] = [$"'{Shorten(pageValue)}' is not a page number: a positive integer or 'last'."];
        }

        var pageSize = options.DefaultPageSize;
        if (Last(query["page_size"]) is { } sizeValue)
        {
            if (PositiveInteger(sizeValue) is { } size)
                pageSize = Math.Min(size, options.MaxPageSize);
            else
                errors["page_size"] = [$"'{Shorten(sizeValue)}' is not a page size: a positive integer (at most {options.MaxPageSize} are served)."];
        }

        if (Last(query["status"]) is { } status && StatusFilters.Contains(status, StringComparer.Ordinal))
            errors["status"] = [$"Filtering by status '{status}' is not served here; omit status for every active enrollment."];

        var org = Last(query["org"]);
        return errors.Count > 0 ? null : new EnrollmentListQuery(page, pageSize, string.IsNullOrEmpty(org) ? null : org);
    }

    private static string? Last(StringValues values) => values.Count == 0 ? null : values[^1];

    private static int? PositiveInteger(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
