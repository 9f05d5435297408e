using System.Text.Json;
using System.Text.RegularExpressions;
using Actors.Grains.Courses;
using Actors.Grains.Storage;
using Actors.Grains.Students;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Actors.Api.ErrorHandling;

/// <summary>
/// The one place where exceptions become HTTP answers. Cluster and storage failures a caller can act on map to their status
/// (call timed out: 504; silo or database unreachable: 503; state changed concurrently: 409); request-binding failures keep
/// their 4xx and name the offending field, as do the argument rules grains enforce (<see cref="InvalidArgumentException"/>:
/// 400, nothing changed); anything else is a 500 whose body says nothing about the cause (the log does).
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Request.Path;
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // Nobody is listening for the answer.
            LogClientAborted(path);
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var problem = ProblemFor(exception);
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (exception is CourseStructureNotReadyException notReady)
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(notReady.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        else if (exception is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException)
            httpContext.Response.Headers.RetryAfter = "1";
        if (status == StatusCodes.Status500InternalServerError)
            LogUnhandledException(exception, httpContext.Request.Method, path);
        else if (exception is BadHttpRequestException or InvalidArgumentException)
            LogBadRequest(status, path, exception.Message);
        else
            LogGrainCallFailed(exception, status, path);

        httpContext.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        return true;
    }

    /// <summary>The problem details for <paramref name="exception"/>. Only request-binding messages are shown to the
    /// caller; they describe the caller's input, never the server.</summary>
    internal static ProblemDetails ProblemFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => BadRequest(bad),
        InvalidArgumentException invalid => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [invalid.ParamName] = [invalid.Reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = "Nothing was changed.",
        },
        TimeoutException => new()
        {
            Status = StatusCodes.Status504GatewayTimeout,
            Title = "A grain call timed out.",
            Detail = "The outcome is unknown: the call may still complete. Retry only if repeating it is safe.",
        },
        CourseContentException content => new HttpValidationProblemDetails(
            content.Problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The published content is invalid.",
            Detail = "Nothing was stored. The first problems found are listed under errors, by JSON path.",
        },
        CourseNotFoundException notFound => new()
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Course not found.",
            Detail = $"Course {notFound.CourseKey} has not been published.",
        },
        CourseStructureNotReadyException => new()
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The course is still being built.",
            Detail = "Its first structure is being collected; retry after the time in Retry-After.",
        },
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException => new()
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "A silo is unavailable.",
            Detail = "The silo that owns this data cannot be reached; the cluster moves its grains to the other silos within " +
                     "seconds. A change may or may not have been made; read it back, or retry if repeating it is safe.",
        },
        StorageException { IsTransient: true } => new()
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable.",
            Detail = "The change may or may not have been stored; read it back, or retry if repeating it is safe.",
        },
        InconsistentStateException => new()
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The state was changed by someone else.",
            Detail = "Nothing was stored; read it again and retry.",
        },
        _ => new()
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "An unexpected error occurred.",
        },
    };

    /// <summary>A request-binding failure (its status is 400, or 413 for a body over the limit). When the field is known
    /// (the JSON path of a malformed body, or the parameter named by the framework's message) it keys <c>errors</c>.</summary>
    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        var field = exception.InnerException is JsonException { Path: { } path } ? path : ParameterNamedIn(exception.Message);
        var problem = field is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [exception.Message] });
        problem.Status = exception.StatusCode;
        problem.Title = ReasonPhrases.GetReasonPhrase(exception.StatusCode);
        problem.Detail = exception.Message;
        return problem;
    }

    /// <summary>The parameter named by the binding messages of minimal APIs, <c>Failed to bind parameter "int top" from
    /// "abc".</c> and <c>Required parameter "int top" was not provided from query string.</c>; otherwise null.</summary>
    internal static string? ParameterNamedIn(string message) =>
        BindingMessage().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;

    [GeneratedRegex(@"^(?:Failed to bind parameter|Required parameter) ""[^""]* (?<name>[^"" ]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex BindingMessage();
}
