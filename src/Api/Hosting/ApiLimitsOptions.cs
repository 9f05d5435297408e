namespace Actors.Api.Hosting;

/// <summary>Request limits. Section <c>Api:Limits</c>.</summary>
public sealed class ApiLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:Limits";

    /// <summary>The largest request body Kestrel accepts, in bytes; a larger one is answered 413. Default 10 MiB
    /// (Kestrel's own default is 30 MB). Environment variable <c>Api__Limits__MaxRequestBodyBytes</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest publish body (a JSON block tree or an OLX <c>.tar.gz</c>), in bytes. Default 100 MiB, since
    /// course exports carry their static files. Environment variable <c>Api__Limits__MaxPublishBodyBytes</c>.</summary>
    public long MaxPublishBodyBytes { get; set; } = 100 * 1024 * 1024;
}
