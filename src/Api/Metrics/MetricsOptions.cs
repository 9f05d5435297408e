namespace Actors.Api.Metrics;

/// <summary>What <c>/metrics</c> exports (section <c>Api:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:Metrics";

    /// <summary>The meters exported by default: the grains' call counters and durations (<c>Actors.Grains</c>), the
    /// API's (<c>Actors.Api</c>), Orleans' (<c>Microsoft.Orleans</c>), and ASP.NET Core's request durations and active requests (<c>Hosting</c>),
    /// connections (<c>Server.Kestrel</c>) and unhandled exceptions (<c>Diagnostics</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultMeters =
    [
        "Actors.Grains", "Actors.Api", "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics",
    ];

    /// <summary>The names of the meters whose instruments are exported; a name may end in <c>*</c> to take every meter
    /// that starts with it (<c>Microsoft.AspNetCore.*</c>). Starts as <see cref="DefaultMeters"/>; configured entries
    /// (<c>Api:Metrics:Meters:0</c>, …) are added to it. A meter not listed is not exported.</summary>
    public List<string> Meters { get; set; } = [.. DefaultMeters];

    /// <summary>How many series (distinct tag sets) one instrument exports at most. Measurements with further tag sets
    /// are added into one overflow series labelled <c>otel_metric_overflow="true"</c>, so a tag with unbounded values
    /// cannot grow the exporter's memory or the scrape without bound.</summary>
    public int MaxSeriesPerInstrument { get; set; } = 2000;

    /// <summary>How long one scrape's text is served again to further scrapes, so that repeated requests to the
    /// anonymous <c>/metrics</c> do not each collect every instrument. <see cref="TimeSpan.Zero"/> collects on every scrape.</summary>
    public TimeSpan ScrapeCacheDuration { get; set; } = TimeSpan.FromMilliseconds(300);
}
