using Actors.Grains.Courses.Content;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// The root's <see cref="CourseSettings"/>: from the course's attributes and policy (<c>end</c>,
/// <c>enrollment_start</c>, <c>enrollment_end</c>, <c>course_image</c>, <c>banner_image</c>,
/// <c>social_sharing_url</c>, <c>language</c>, <c>self_paced</c>, <c>course_visibility</c>, <c>advertised_start</c>) and the about pages
/// <c>about/short_description.html</c> and <c>about/effort.html</c>.
/// </summary>
internal static class OlxCourseSettings
{
    private static readonly IReadOnlySet<string> Visibilities = new HashSet<string>(["private", "public_outline", "public"], StringComparer.Ordinal);

    public static CourseSettings Read(OlxFields fields, OlxFileReader files) => new(
        End: fields.Date("end"),
        EnrollmentStart: fields.Date("enrollment_start"),
        EnrollmentEnd: fields.Date("enrollment_end"),
        CourseImage: fields.String("course_image"),
        BannerImage: fields.String("banner_image"),
        SocialSharingUrl: fields.String("social_sharing_url"),
        Language: fields.String("language"),
        SelfPaced: fields.Bool("self_paced"),
        ShortDescription: files.ReadText("about/short_description.html"),
        Effort: files.ReadText("about/effort.html"),
        CourseVisibility: fields.Choice("course_visibility", Visibilities),
        AdvertisedStart: fields.String("advertised_start"));
}
