using Actors.Api.Lms;
using Actors.Grains.Courses;
using Actors.Grains.Keys;
using Microsoft.Extensions.Options;

namespace Actors.Api.Mobile;

/// <summary>Builds an enrollment's <c>course</c> object from the course's stored overview alone (no other service is
/// asked, so nothing here waits on the Catalog service).</summary>
internal sealed class MobileCourses(CourseAboutLink aboutLink, IOptions<LmsOptions> lms)
{
    public MobileCourse From(CourseOverview overview)
    {
        var key = CourseKey.Parse(overview.Id);
        var start = CourseStart.Of(overview.Start);
        var image = CourseImagePath.For(key, overview.CourseImageUrl);
        var courseInfo = $"{lms.Value.Root}/api/mobile/v4/course_info/{overview.Id}";
        return new MobileCourse(
            overview.Id,
            overview.DisplayName,
            key.Course,
            overview.Org,
            start,
            CourseStart.Display(start, overview.AdvertisedStart),
            CourseStart.Type(start, overview.AdvertisedStart),
            overview.End,
            SubscriptionId.For(overview.Id),
            new CourseMedia(new CourseMediaImage(image, "Course Image")),
            image,
            aboutLink.For(overview),
            CourseSharingUtmParameters.OpenEdx,
            courseInfo + "/updates",
            courseInfo + "/handouts",
            VideoOutline: null,
            overview.SelfPaced);
    }
}
