namespace Actors.Api.Lms;

/// <summary>Where the LMS is, for links this service builds into it. Section <c>Lms</c>.</summary>
public sealed class LmsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Lms";

    /// <summary>The LMS's root URL (Open edX's <c>LMS_ROOT_URL</c>), an absolute <c>http</c> or <c>https</c> URL such as
    /// <c>https://lms.example.org</c>: the about link falls back to <c>{RootUrl}/courses/{course_id}/about</c>, and the
    /// mobile API's <c>course_updates</c> and <c>course_handouts</c> point under it. Default <c>http://localhost:18000</c>
    /// (Open edX's development LMS); set it for any real site. Checked at start. Environment variable
    /// <c>Lms__RootUrl</c>.</summary>
    public string RootUrl { get; set; } = "http://localhost:18000";

    /// <summary><see cref="RootUrl"/> without a trailing slash, for appending paths.</summary>
    internal string Root => RootUrl.TrimEnd('/');
}
