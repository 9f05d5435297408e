namespace Actors.Api.Hosting;

/// <summary>Request limits. Section <c>Api:Limits</c>.</summary>
public sealed class ApiLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:Limits";

    /// <summary>The largest request body Kestrel accepts, in bytes; a larger one is answered 413. Default 10 MiB
    /// (Kestrel's own default is 30 MB). Environment variable <c>Api__Limits__MaxRequestBodyBytes</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;
}
