namespace Actors.Api;

/// <summary>
/// Every log event id of the API host. The runtime numbers its subsystems from 100 to 5999
/// (<c>src/Runtime/Diagnostics/EventIds.cs</c>); the API host uses the 9000s: 9000s start-up, 9100s errors at the edge.
/// </summary>
internal static class ApiEventIds
{
    public const int DevelopmentTokenIssued = 9000;

    public const int UnhandledException = 9100;
    public const int GrainCallFailed = 9101;
    public const int BadRequest = 9102;
    public const int ClientAborted = 9103;
}
