using Actors.Grains.Keys;

namespace Actors.Api.Mobile;

/// <summary>
/// Where the LMS serves a course's image (Open edX's <c>course_image_url</c>, which the overview stores and the mobile
/// API returns as is): the image file as a static asset of the course, <c>/asset-v1:Org+Course+Run+type@asset+block@NAME</c>
/// (<c>/c4x/Org/Course/asset/NAME</c> for a deprecated key; a CCX's is its master course's), with <c>/</c> in the file
/// name made <c>_</c> as Open edX's <c>StaticContent.compute_location</c> does. A course that names no image has Open
/// edX's default file, <c>images_course_image.jpg</c>; one that names the empty string has none (<c>""</c>). An
/// absolute http(s) URL is served as it is.
/// </summary>
internal static class CourseImagePath
{
    /// <summary>The file a course has when it names none (the course block's default <c>course_image</c>).</summary>
    public const string DefaultImage = "images_course_image.jpg";

    public static string For(CourseKey course, string? image)
    {
        image ??= DefaultImage;
        if (image.Length == 0)
            return "";
        if (Uri.TryCreate(image, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return image;
        var name = image.Replace('/', '_');
        var master = course.MasterCourse;
        return master.IsDeprecated
            ? $"/c4x/{master.Org}/{master.Course}/asset/{name}"
            : $"/asset-v1:{master.Org}+{master.Course}+{master.Run}+type@asset+block@{name}";
    }
}
