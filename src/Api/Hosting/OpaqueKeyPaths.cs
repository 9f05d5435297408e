using System.Text.RegularExpressions;

namespace Actors.Api.Hosting;

/// <summary>
/// Course keys in paths as Open edX's URL patterns take them. Its <c>COURSE_ID_PATTERN</c>
/// (<c>[^/+]+(/|\+)[^/+]+(/|\+)[^/?]+</c>) lets the deprecated <c>Org/Course/Run</c> span three path segments, and Django
/// matches the decoded path, so <c>Org%2FCourse%2FRun</c> works too. ASP.NET Core route parameters are one segment and
/// keep <c>%2F</c> encoded, so:
/// <list type="number">
/// <item>before routing, a slash-form course key at a known place in the path (<see cref="KeyPlaces"/>) has its slashes
/// re-encoded as <c>%2F</c>, making it one segment; so does an <c>i4x://</c> usage key in the xblock handler path (Open
/// edX's <c>USAGE_KEY_PATTERN</c>);</item>
/// <item>after routing, <c>%2F</c> in the key route values (<see cref="KeyRouteValues"/>) is decoded to <c>/</c>.</item>
/// </list>
/// Handlers then see <c>Org/Course/Run</c> whichever way it came. A literal <c>%2F</c> inside a key part cannot be
/// sent (Kestrel has already decoded <c>%252F</c> to <c>%2F</c>); deprecated key parts never hold one in practice.
/// </summary>
internal static partial class OpaqueKeyPaths
{
    /// <summary>Route values that hold opaque keys.</summary>
    public static readonly IReadOnlyList<string> KeyRouteValues = ["course_key", "course_id", "usage_key"];

    /// <summary>Where keys sit in paths: each pattern's <c>key</c> groups are made one segment. A new route that takes a
    /// course key inside its path adds its prefix here.</summary>
    private static readonly Regex[] KeyPlaces =
    [
        CoursesPath(),
        NavigationPath(),
        ProgressPath(),
        XBlockCoursePath(),
        XBlockI4xUsagePath(),
        EnrollmentPath(),
        MobileCourseStatusPath(),
    ];

    /// <summary>Rewrites slash-form keys into single segments, routes, then decodes key route values. Call it instead of
    /// <c>UseRouting</c>, before any middleware that needs the endpoint.</summary>
    public static IApplicationBuilder UseOpaqueKeyPaths(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            if (EncodeKeySlashes(context.Request.Path.Value) is { } path)
                context.Request.Path = new PathString(path);
            return next(context);
        });
        app.UseRouting();
        app.Use((context, next) =>
        {
            var values = context.Request.RouteValues;
            foreach (var name in KeyRouteValues)
            {
                if (values.TryGetValue(name, out var value) && value is string text && text.Contains('%', StringComparison.Ordinal))
                    values[name] = DecodeSlashes(text);
            }

            return next(context);
        });
        return app;
    }

    /// <summary>The path with the slashes of every slash-form key encoded as <c>%2F</c>; null when it has none.</summary>
    internal static string? EncodeKeySlashes(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        var rewritten = path;
        foreach (var place in KeyPlaces)
        {
            var match = place.Match(rewritten);
            if (!match.Success)
                continue;
            var key = match.Groups["key"];
            rewritten = string.Concat(rewritten.AsSpan(0, key.Index), key.Value.Replace("/", "%2F", StringComparison.Ordinal),
                rewritten.AsSpan(key.Index + key.Length));
        }

        return ReferenceEquals(rewritten, path) ? null : rewritten;
    }

    /// <summary><paramref name="value"/> with <c>%2F</c> (either case) as <c>/</c>.</summary>
    internal static string DecodeSlashes(string value) =>
        value.Replace("%2F", "/", StringComparison.Ordinal).Replace("%2f", "/", StringComparison.Ordinal);

    // Open edX's COURSE_ID_PATTERN restricted to its slash form: three parts, the first two without '/' or '+'.
    private const string SlashCourseKey = "(?<key>[^/+]+/[^/+]+/[^/]+)";

    [GeneratedRegex($"^/api/courses/v1/{SlashCourseKey}(?:/(?:publish|overview))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CoursesPath();

    [GeneratedRegex($"^/api/course_home/v1/navigation/{SlashCourseKey}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NavigationPath();

    [GeneratedRegex($"^/api/course_home/v1/progress/{SlashCourseKey}/[^/]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProgressPath();

    [GeneratedRegex($"^/courses/{SlashCourseKey}/xblock/", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XBlockCoursePath();

    // Open edX's USAGE_KEY_PATTERN allows i4x://{org}/{course}/{type}/{id}[@{revision}] with its slashes.
    [GeneratedRegex("^/courses/[^/]+/xblock/(?<key>i4x://[^/]+/[^/]+/[^/]+/[^/]+)/handler/", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XBlockI4xUsagePath();

    [GeneratedRegex($"^/api/enrollment/v1/enrollment/[^/,]+,{SlashCourseKey}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnrollmentPath();

    [GeneratedRegex($"^/api/mobile/v4/users/[^/]+/course_status_info/{SlashCourseKey}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobileCourseStatusPath();
}
