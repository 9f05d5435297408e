namespace Actors.Api.Auth;

internal sealed partial class DevelopmentTokenPrinter
{
    [LoggerMessage(ApiEventIds.DevelopmentTokenIssued, LogLevel.Information,
        "Development administrator token for user '{Username}', valid for {Lifetime}:\n{Token}\nTry: {CurlCommand}")]
    private partial void LogDevelopmentToken(string username, TimeSpan lifetime, string token, string curlCommand);
}
