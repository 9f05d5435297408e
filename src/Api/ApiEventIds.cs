namespace Actors.Api;

/// <summary>
/// Every log event id of the API host. The grains use 1000 (hosting), 6000s (courses), 6100s (learners) and
/// 6200s (storage); the API host uses the 9000s: 9000s start-up, 9100s errors at the edge, 9200s the mobile API.
/// </summary>
internal static class ApiEventIds
{
    public const int DevelopmentTokenIssued = 9000;

    public const int UnhandledException = 9100;
    public const int GrainCallFailed = 9101;
    public const int BadRequest = 9102;
    public const int ClientAborted = 9103;

    public const int MobileEnrollmentsSkipped = 9200;
}
