using System.Net.Http.Headers;
using System.Text.Json;
using Actors.Api.Auth;
using Actors.Api.Enrollments;
using Actors.Api.Hosting;
using Actors.Api.Lms;
using Actors.Grains.Courses;
using Actors.Grains.Courses.Content;
using Actors.Grains.Courses.Olx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Actors.Api.Courses;

/// <summary>
/// <c>/api/courses/v1/{course_key}</c>: publishing (Studio's side) and the course overview. A publish takes a JSON block
/// tree (<c>application/json</c>, see docs/publishing.md) or an OLX export (<c>application/gzip</c>), answers 202 with the
/// published version once the content is stored, and never waits for the rebuild. An OLX export is imported into the
/// route's course, re-keyed as Studio's import does, whatever its <c>course.xml</c> names. The key is
/// <c>course-v1:…</c> or the deprecated <c>Org/Course/Run</c> (see <see cref="Hosting.OpaqueKeyPaths"/>).
/// </summary>
internal static class CoursesApi
{
    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static RouteGroupBuilder MapCourses(this IEndpointRouteBuilder routes)
    {
        var limits = routes.ServiceProvider.GetRequiredService<IOptions<ApiLimitsOptions>>().Value;
        var group = routes.MapGroup("/api/courses/v1/{course_key}").WithTags("Courses");
        group.MapPost("/publish", PublishAsync).RequireAuthorization(ApiPolicies.CoursePublisher)
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxPublishBodyBytes));
        group.MapDelete("", DeleteAsync).RequireAuthorization(ApiPolicies.CoursePublisher);
        group.MapGet("/overview", GetOverviewAsync);
        return group;
    }

    private static async Task<IResult> PublishAsync(
        [FromRoute(Name = "course_key")] string courseKey, HttpRequest request, IGrainFactory grains, IOptions<ApiLimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        if (OpaqueKeyInput.Course(courseKey, out var keyError) is not { } key)
            return InvalidCourseKey(keyError);

        CourseContent? content;
        switch (MediaTypeOf(request))
        {
            case "application/json":
                try
                {
                    content = await request.ReadFromJsonAsync<CourseContent>(cancellationToken);
                }
                catch (JsonException exception)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [exception.Path ?? "body"] = [exception.Message] },
                        title: "The body is not a valid course block tree.");
                }

                break;
            case "application/gzip" or "application/x-gzip":
                try
                {
                    content = await OlxImporter.ImportArchiveAsync(request.Body, new OlxImportLimits(MaxArchiveBytes: limits.Value.MaxPublishBodyBytes), key,
                        cancellationToken);
                }
                catch (OlxImportException exception)
                {
                    return TypedResults.ValidationProblem(exception.Problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                        title: "The OLX export is not valid.");
                }

                break;
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Content-Type.",
                    detail: "Publish a JSON block tree as application/json or an OLX export (.tar.gz) as application/gzip.",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [request.ContentType ?? "(none)"] } });
        }

        var result = await grains.GetGrain<ICourseGrain>(key.ToString()).PublishAsync(content!, cancellationToken);
        return TypedResults.Accepted($"/api/courses/v1/{key}/overview",
            new PublishResponse(result.CourseKey, result.PublishedVersion, result.StructureVersion));
    }

    private static async Task<IResult> DeleteAsync([FromRoute(Name = "course_key")] string courseKey, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (OpaqueKeyInput.Course(courseKey, out var keyError) is not { } key)
            return InvalidCourseKey(keyError);
        return await grains.GetGrain<ICourseGrain>(key.ToString()).DeleteAsync(cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Course not found.", detail: $"Course {key} has not been published.");
    }

    /// <summary>The overview's fields in snake case, plus <c>course_about</c> (<see cref="CourseAboutLink"/>).</summary>
    private static async Task<IResult> GetOverviewAsync([FromRoute(Name = "course_key")] string courseKey, IGrainFactory grains, CourseAboutLink aboutLink,
        CancellationToken cancellationToken)
    {
        if (OpaqueKeyInput.Course(courseKey, out var keyError) is not { } key)
            return InvalidCourseKey(keyError);
        var overview = await grains.GetGrain<ICourseGrain>(key.ToString()).GetOverviewAsync(cancellationToken);
        if (overview is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Course not found.", detail: $"Course {key} has not been published.");
        var body = JsonSerializer.SerializeToNode(overview, SnakeCase)!.AsObject();
        body["course_about"] = aboutLink.For(overview);
        return TypedResults.Json(body, SnakeCase);
    }

    /// <summary>400 naming the route value <c>course_key</c>, with the <paramref name="error"/> of <see cref="OpaqueKeyInput.Course"/>.</summary>
    internal static IResult InvalidCourseKey(string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["course_key"] = [error] }, title: "Invalid course key.");

    private static string? MediaTypeOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType?.ToLowerInvariant() : null;
}

/// <summary>The answer to a publish (202).</summary>
/// <param name="CourseKey">The course.</param>
/// <param name="PublishedVersion">The version the content was stored as.</param>
/// <param name="StructureVersion">The version navigation serves until the rebuild finishes.</param>
public sealed record PublishResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("course_key")] string CourseKey,
    [property: System.Text.Json.Serialization.JsonPropertyName("published_version")] long PublishedVersion,
    [property: System.Text.Json.Serialization.JsonPropertyName("structure_version")] long StructureVersion);
