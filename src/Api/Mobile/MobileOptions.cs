namespace Actors.Api.Mobile;

/// <summary>The mobile API (<c>/api/mobile/v4/...</c>). Section <c>Api:Mobile</c>.</summary>
public sealed class MobileOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:Mobile";

    /// <summary>Enrollments per page when the request names no <c>page_size</c>. Default 5, as Open edX's v4
    /// (<c>UserCourseEnrollmentsV4Pagination.page_size</c>). Environment variable <c>Api__Mobile__DefaultPageSize</c>.</summary>
    public int DefaultPageSize { get; set; } = 5;

    /// <summary>The largest <c>page_size</c> honoured; a larger one is served as this many, as Open edX clamps. Default
    /// 50 (<c>max_page_size</c> of Open edX's v4). Environment variable <c>Api__Mobile__MaxPageSize</c>.</summary>
    public int MaxPageSize { get; set; } = 50;

    /// <summary>Open edX's <c>MobileConfig</c> rows (name → value, set in its Django admin), served as the enrollment
    /// list's <c>configs</c>: names starting with <c>iap_</c> go under <c>configs.iap_configs</c>, the others at the top
    /// level, as Open edX's <c>MobileConfig.get_structured_configs</c> does. Empty by default. Environment variables
    /// <c>Api__Mobile__Configs__NAME</c>.</summary>
    public Dictionary<string, string> Configs { get; set; } = new(StringComparer.Ordinal);
}
