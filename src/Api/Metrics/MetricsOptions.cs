namespace Actors.Api.Metrics;

/// <summary>What <c>/metrics</c> exports (section <c>Api:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:Metrics";

    /// <summary>The meters exported by default: Orleans' (<c>Microsoft.Orleans</c>), the API's, and ASP.NET Core's request durations and
    /// active requests (<c>Hosting</c>), connections (<c>Server.Kestrel</c>) and unhandled exceptions (<c>Diagnostics</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultMeters =
    [
        "Microsoft.Orleans", "Actors.Api", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics",
    ];

    /// <summary>Also export every other <c>Microsoft.AspNetCore.*</c> meter: routing match attempts, authentication and
    /// authorization outcomes, the memory pool. Off by default because these record several measurements per request
    /// (the memory pool one per 4 KB block), which costs the API a measurable share of its throughput.</summary>
    public bool AllAspNetCoreMeters { get; set; }

    /// <summary>Whether instruments of the meter named <paramref name="meterName"/> are exported.</summary>
    public bool IsExported(string meterName) =>
        DefaultMeters.Contains(meterName, StringComparer.Ordinal)
        || (AllAspNetCoreMeters && meterName.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
}
