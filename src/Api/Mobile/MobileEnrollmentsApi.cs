using Actors.Api.Auth;
using Actors.Api.Enrollments;
using Actors.Grains.Courses;
using Actors.Grains.Keys;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Actors.Api.Mobile;

/// <summary>
/// <c>GET /api/mobile/v4/users/{username}/course_enrollments/</c>, the mobile apps' course list (Open edX's
/// <c>UserCourseEnrollmentsList</c>, v4): the learner's active enrollments, newest first, as
/// <c>{"configs", "user_timezone", "enrollments": page, "primary"}</c>, where <c>primary</c> is the newest enrollment,
/// taken out of the pages. That user or an administrator. Enrollments come from the learner's grain; each listed
/// course's data from its course grain's overview, asked in parallel for the enrollments shown only. An enrollment in a
/// course without an overview here (never published, or deleted) is skipped, as Open edX skips it; only then are the
/// other enrollments' overviews asked too, so that the count and pages stay exact. Nothing here calls the Catalog
/// service. See docs/mobile.md.
/// </summary>
internal static partial class MobileEnrollmentsApi
{
    public const string Path = $"/api/mobile/v4/users/{{{ApiPolicies.UsernameRouteValue}}}/course_enrollments/";

    /// <summary>Open edX's fallback when the learner has no time zone preference; none are kept here.</summary>
    public const string UserTimezone = "UTC";

    public static IEndpointRouteBuilder MapMobileEnrollments(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ListAsync).WithTags("Mobile").RequireOwnUserOrAdministrator();
        return routes;
    }

    private static async Task<Results<JsonHttpResult<MobileEnrollmentsResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string username, HttpContext http, IGrainFactory grains, MobileCourses courses, IOptions<MobileOptions> options,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (username.Length > EnrollmentsApi.MaxUsernameLength || username.Any(char.IsControl))
            errors["username"] = [$"A username is at most {EnrollmentsApi.MaxUsernameLength} characters, without control characters."];
        var query = EnrollmentListQuery.Read(http.Request.Query, options.Value, errors);
        if (query is null || errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var enrollments = (await grains.GetGrain<IStudentModuleGrain>(username).GetEnrollmentsAsync(cancellationToken))
            .Where(e => e.IsActive && InOrg(e, query.Org))
            .ToList();
        var overviews = new Dictionary<string, CourseOverview?>(StringComparer.Ordinal);

        // The usual case: every course has an overview, so the list is the enrollments themselves and only the primary
        // and the page shown need their overviews.
        var listed = (IReadOnlyList<Enrollment>)enrollments;
        var page = PageOf(query, listed);
        if (page is null)
            return InvalidPage();
        var shownFirst = Shown(listed, page.Value).ToList();
        await FetchAsync(grains, overviews, shownFirst, cancellationToken);
        if (shownFirst.Any(e => overviews[e.CourseId] is null))
        {
            // Some course is not published here: skip those enrollments, as Open edX does, which needs every overview to
            // count and page exactly.
            await FetchAsync(grains, overviews, enrollments, cancellationToken);
            listed = enrollments.Where(e => overviews[e.CourseId] is not null).ToList();
            LogSkipped(loggers.CreateLogger(typeof(MobileEnrollmentsApi).FullName!), username, enrollments.Count - listed.Count,
                string.Join(", ", enrollments.Where(e => overviews[e.CourseId] is null).Select(e => e.CourseId).Take(10)));
            page = PageOf(query, listed);
            if (page is null)
                return InvalidPage();
        }

        MobileEnrollment Item(Enrollment e) => new(e.Created, e.Mode, e.IsActive, courses.From(overviews[e.CourseId]!));
        var rest = listed.Skip(1).ToList();
        var shown = page.Value;
        var body = new MobileEnrollmentsResponse(
            Configs(options.Value),
            UserTimezone,
            new MobileEnrollmentsPage(
                shown.HasNext ? PageLinks.For(http.Request, shown.Number + 1) : null,
                shown.HasPrevious ? PageLinks.For(http.Request, shown.Number - 1) : null,
                shown.Count,
                shown.NumPages,
                shown.Number,
                shown.Start,
                shown.Slice(rest).Select(Item).ToList()),
            listed.Count > 0 ? Item(listed[0]) : null);
        return TypedResults.Json(body, MobileJson.Options);
    }

    /// <summary>The page of the list without its first enrollment (the primary).</summary>
    private static EnrollmentPage? PageOf(EnrollmentListQuery query, IReadOnlyList<Enrollment> listed) =>
        EnrollmentPage.Of(query.Page, query.PageSize, Math.Max(0, listed.Count - 1));

    /// <summary>The enrollments one answer shows: the primary and the page's.</summary>
    private static IEnumerable<Enrollment> Shown(IReadOnlyList<Enrollment> listed, EnrollmentPage page) =>
        listed.Take(1).Concat(listed.Skip(1 + page.Start).Take(page.Size));

    private static async Task FetchAsync(IGrainFactory grains, Dictionary<string, CourseOverview?> overviews, IEnumerable<Enrollment> enrollments,
        CancellationToken cancellationToken)
    {
        var missing = enrollments.Select(e => e.CourseId).Where(id => !overviews.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        var fetched = await Task.WhenAll(missing.Select(id => grains.GetGrain<ICourseGrain>(id).GetOverviewAsync(cancellationToken)));
        for (var i = 0; i < missing.Count; i++)
            overviews[missing[i]] = fetched[i];
    }

    /// <summary>Open edX's <c>org</c> filter: the course's organization, compared case-insensitively.</summary>
    private static bool InOrg(Enrollment enrollment, string? org) =>
        org is null || (CourseKey.TryParse(enrollment.CourseId, out var key) && string.Equals(key.Org, org, StringComparison.OrdinalIgnoreCase));

    /// <summary>Open edX's <c>MobileConfig.get_structured_configs()</c> over <see cref="MobileOptions.Configs"/>.</summary>
    private static Dictionary<string, object> Configs(MobileOptions options)
    {
        var iap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var configs = new Dictionary<string, object> { ["iap_configs"] = iap };
        foreach (var (name, value) in options.Configs.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (name.StartsWith("iap_", StringComparison.Ordinal))
                iap[name] = value;
            else
                configs[name] = value;
        }

        return configs;
    }

    /// <summary>Open edX's answer to a page past the last (DRF's <c>NotFound("Invalid page.")</c>).</summary>
    private static ProblemHttpResult InvalidPage() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Invalid page.", detail: "The page is past the last page of enrollments.");

    [LoggerMessage(ApiEventIds.MobileEnrollmentsSkipped, LogLevel.Debug,
        "Mobile enrollments of {Username}: {Skipped} active enrollment(s) skipped, their course has no overview here (not published): {CourseIds}")]
    private static partial void LogSkipped(ILogger logger, string username, int skipped, string courseIds);
}
