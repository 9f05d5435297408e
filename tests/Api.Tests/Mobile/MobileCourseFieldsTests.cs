using Actors.Api.Mobile;
using Actors.Grains.Keys;

namespace Actors.Api.Tests.Mobile;

/// <summary>The course fields computed from the overview as Open edX computes them.</summary>
public sealed class MobileCourseFieldsTests
{
    [Theory]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "course_MNXXK4TTMUWXMMJ2MVSFQK2EMVWW6WBLIRSW2327INXXK4TTMU______")]
    [InlineData("a", "course_ME______")]
    [InlineData("abcd", "course_MFRGGZA_")]
    [InlineData("abcde", "course_MFRGGZDF")]
    public void SubscriptionId_IsBase32OfTheKey_PaddedWithUnderscores(string courseId, string expected) =>
        Assert.Equal(expected, SubscriptionId.For(courseId));

    [Theory]
    [InlineData(2026, 1, 1, "Jan. 1, 2026")]
    [InlineData(2026, 3, 5, "March 5, 2026")]
    [InlineData(2026, 5, 31, "May 31, 2026")]
    [InlineData(2026, 9, 30, "Sept. 30, 2026")]
    [InlineData(2027, 12, 24, "Dec. 24, 2027")]
    public void StartDisplay_IsDjangosEnglishDateFormat(int year, int month, int day, string expected)
    {
        var start = new DateTimeOffset(year, month, day, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, CourseStart.Display(start, null));
        Assert.Equal("timestamp", CourseStart.Type(start, null));
    }

    [Fact]
    public void StartDisplay_IsTakenInUtc()
    {
        var start = new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.FromHours(5)); // 2025-12-31T20:00Z

        Assert.Equal("Dec. 31, 2025", CourseStart.Display(start, null));
    }

    [Theory]
    [InlineData("course-v1:Org+Num+Run", null, "/asset-v1:Org+Num+Run+type@asset+block@images_course_image.jpg")]
    [InlineData("course-v1:Org+Num+Run", "a/b.png", "/asset-v1:Org+Num+Run+type@asset+block@a_b.png")]
    [InlineData("Org/Num/Run", "card.png", "/c4x/Org/Num/asset/card.png")]
    [InlineData("ccx-v1:Org+Num+Run+ccx@7", "card.png", "/asset-v1:Org+Num+Run+type@asset+block@card.png")]
    [InlineData("course-v1:Org+Num+Run", "", "")]
    [InlineData("course-v1:Org+Num+Run", "http://cdn.example.org/x.png", "http://cdn.example.org/x.png")]
    public void CourseImage_IsTheCoursesAssetPath(string courseKey, string? image, string expected) =>
        Assert.Equal(expected, CourseImagePath.For(CourseKey.Parse(courseKey), image));
}
