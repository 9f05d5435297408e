namespace Actors.Api.Mobile;

/// <summary>
/// A course's start as the mobile API shows it (Open edX's <c>CourseOverview.start_type</c> and <c>start_display</c>):
/// an advertised start (free text) wins; else a start other than Open edX's default start date is a timestamp, shown
/// with Django's English <c>DATE_FORMAT</c> (<c>N j, Y</c>: "Jan. 1, 2026", "March 5, 2027", "Sept. 30, 2026") in UTC;
/// else the start is "empty" and shows nothing. A course that sets no start has Open edX's default start.
/// </summary>
internal static class CourseStart
{
    /// <summary>Open edX's <c>DEFAULT_START_DATE</c>, the start of a course that sets none.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Django's MONTHS_AP (Associated Press style), which its "N" format uses.
    private static readonly string[] ApMonths = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

    /// <summary>The start served: the course's, or <see cref="DefaultStart"/>.</summary>
    public static DateTimeOffset Of(DateTimeOffset? start) => start ?? DefaultStart;

    /// <summary><c>string</c>, <c>timestamp</c> or <c>empty</c>.</summary>
    public static string Type(DateTimeOffset start, string? advertisedStart) =>
        !string.IsNullOrEmpty(advertisedStart) ? "string" : start != DefaultStart ? "timestamp" : "empty";

    /// <summary>The advertised start, the formatted start, or null.</summary>
    public static string? Display(DateTimeOffset start, string? advertisedStart)
    {
        if (!string.IsNullOrEmpty(advertisedStart))
            return advertisedStart;
        if (start == DefaultStart)
            return null;
        var utc = start.UtcDateTime;
        return $"{ApMonths[utc.Month - 1]} {utc.Day}, {utc.Year}";
    }
}
