namespace Actors.Grains.Catalog;

/// <summary>Log event ids of the catalog sync: 6200–6299 (the grains assembly logs in the 6000s).</summary>
internal static class CatalogEventIds
{
    public const int PageFailed = 6200;
    public const int PageRead = 6201;
    public const int RunStarted = 6210;
    public const int PageApplied = 6211;
    public const int RunEnded = 6212;
    public const int RunFailed = 6213;
    public const int UnparsableKey = 6214;
    public const int RunJoined = 6215;
    public const int RunInterrupted = 6216;
    public const int StateWriteFailed = 6217;
    public const int ReminderRegistered = 6220;
    public const int ReminderRemoved = 6221;
    public const int ScheduleFailed = 6222;
    public const int TickWhileDisabled = 6223;
    public const int CourseIndexChanged = 6230;
}
