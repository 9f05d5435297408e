namespace Actors.Api.ErrorHandling;

internal sealed partial class ApiExceptionHandler
{
    [LoggerMessage(ApiEventIds.UnhandledException, LogLevel.Error, "{Method} {Path} failed; answered 500")]
    private partial void LogUnhandledException(Exception exception, string method, string path);

    [LoggerMessage(ApiEventIds.GrainCallFailed, LogLevel.Warning, "A grain call for {Path} failed; answered {Status}")]
    private partial void LogGrainCallFailed(Exception exception, int status, string path);

    [LoggerMessage(ApiEventIds.BadRequest, LogLevel.Debug, "Request to {Path} rejected with {Status}: {Reason}")]
    private partial void LogBadRequest(int status, string path, string reason);

    [LoggerMessage(ApiEventIds.ClientAborted, LogLevel.Debug, "The client aborted the request to {Path}")]
    private partial void LogClientAborted(string path);
}
