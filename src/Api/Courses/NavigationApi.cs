using System.Buffers;
using System.Text.Json;
using Actors.Api.Auth;
using Actors.Api.Enrollments;
using Actors.Grains.Courses;
using Actors.Grains.Courses.Navigation;
using Actors.Grains.Students;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Actors.Api.Courses;

/// <summary>
/// <c>GET /api/course_home/v1/navigation/{course_key}</c>, the learning MFE's sidebar, in Open edX's shape. Built per
/// request from the course's current collected structure and the user's completion, so it is never stale and never
/// triggers a collect. The ETag is (structure version, the user's completion version, the user's role, how many start
/// dates have passed), so <c>If-None-Match</c> answers 304 until any of them changes; <c>X-Block-Structure-Version</c> names the structure served.
/// Enrolled learners and staff get their tree; others get <c>{}</c> unless the course is public. Rendered bodies are
/// kept in <see cref="NavigationCache"/> under a key that changes whenever the body would.
/// </summary>
internal static class NavigationApi
{
    public const string StructureVersionHeader = "X-Block-Structure-Version";

    // Usage keys are full of '+', which the default encoder escapes as \u002B; a JSON body needs no HTML-safe escaping.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The ETag's companion: revalidate every time (the ETag makes that cheap), and only for this user.</summary>
    private const string CacheControl = "no-cache, private";

    // The endpoint takes no validatable input (a route string it parses itself), so the validation filter is left off.
    public static RouteHandlerBuilder MapNavigation(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/course_home/v1/navigation/{*course_key}", GetNavigationAsync).WithTags("Courses").DisableValidation();

    private static async Task GetNavigationAsync(
        [FromRoute(Name = "course_key")] string courseKey, HttpContext http, IGrainFactory grains, CourseStructures structures,
        NavigationCache cache, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (OpaqueKeyInput.CourseId(courseKey, out var keyError) is not { } courseId)
        {
            await CoursesApi.InvalidCourseKey(keyError).ExecuteAsync(http);
            return;
        }

        var username = OpenEdxClaims.UsernameOf(http.User);
        var isStaff = OpenEdxClaims.IsAdministrator(http.User);
        var course = await structures.GetAsync(courseId, cancellationToken);

        // One call to the learner's grain: staff read only completions; learners their enrollment and, if active, completions.
        var learner = username is null ? null : grains.GetGrain<IStudentModuleGrain>(username);
        CourseCompletion? completion = null;
        if (learner is not null && isStaff)
            completion = await learner.GetCompletionAsync(courseId, cancellationToken);
        else if (learner is not null)
            completion = (await learner.GetCourseStateAsync(courseId, cancellationToken)).Completion;
        var role = isStaff ? "staff" : completion is not null ? "learner" : course.IsPublic ? "public" : "none";

        // What learners see also changes when a start date passes, so that is part of the ETag (and the cache key) too.
        var now = time.GetUtcNow();
        var startedCount = course.StartedCount(now);
        var etag = $"\"{course.Version}-{completion?.Version ?? 0}-{role}-{startedCount}\"";
        var response = http.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = CacheControl;
        response.Headers[StructureVersionHeader] = course.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (IsNotModified(http.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var cacheKey = new NavigationCache.Key(course.CourseKey, course.Version, role is "public" or "none" ? "" : username!,
            completion?.Version ?? 0, role, startedCount);
        var body = cache.GetOrRender(cacheKey, () => Render(course, completion, role, isStaff, now));
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>Whether <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison) or is <c>*</c>. A client
    /// echoing the ETag it was given, the usual case, is recognized without parsing the header.</summary>
    internal static bool IsNotModified(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0)
            return false;
        if (ifNoneMatch.Count == 1 && string.Equals(ifNoneMatch[0], etag, StringComparison.Ordinal))
            return true;
        var current = new EntityTagHeaderValue(etag);
        return request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(current, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any));
    }

    private static byte[] Render(Actors.Grains.Courses.Collect.CollectedCourse course, CourseCompletion? completion, string role, bool isStaff, DateTimeOffset now)
    {
        var body = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(body, WriterOptions))
        {
            if (role == "none")
                NavigationWriter.WriteEmpty(json);
            else
                NavigationWriter.Write(json, course, completion, isStaff, now);
        }

        return body.WrittenMemory.ToArray();
    }

    /// <summary>Registers the navigation body cache (<see cref="NavigationCacheOptions"/>).</summary>
    public static IServiceCollection AddNavigationCache(this IServiceCollection services)
    {
        services.AddOptions<NavigationCacheOptions>().BindConfiguration(NavigationCacheOptions.Section)
            .Validate(o => o.MaxBytes >= 0, "Api:NavigationCache:MaxBytes must be 0 or more.").ValidateOnStart();
        services.AddSingleton<NavigationCache>();
        services.AddOptions<CourseStructuresOptions>().BindConfiguration(CourseStructuresOptions.Section)
            .Validate(o => o.MaxCourses >= 1, "Api:CourseStructures:MaxCourses must be at least 1.").ValidateOnStart();
        services.AddSingleton<CourseStructures>();
        return services;
    }
}
