using Actors.Grains.Keys;

namespace Actors.Grains.Tests.Keys;

public sealed class LearningContextKeyTests
{
    [Theory]
    [InlineData("course-v1:edX+DemoX+Demo_Course", typeof(CourseKey), "edX")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+branch@draft", typeof(CourseKey), "edX")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1", typeof(CourseKey), "edX")]
    [InlineData("edX/DemoX/Demo_Course", typeof(CourseKey), "edX")]
    [InlineData("org/course/", typeof(CourseKey), "org")]
    [InlineData("library-v1:OpenedX+DemoRespiratoryQuestions", typeof(LibraryKey), "OpenedX")]
    [InlineData("lib:OpenedX:demo-lib", typeof(LibraryV2Key), "OpenedX")]
    public void Parse_CourseOrLibrary_ReturnsTheConcreteKey(string text, Type type, string org)
    {
        var key = LearningContextKey.Parse(text);

        Assert.IsType(type, key);
        Assert.Equal(org, key.Org);
        Assert.Equal(text, key.ToString());
        Assert.True(LearningContextKey.TryParse(text, out var parsed));
        Assert.Equal(key, parsed);
    }

    [Theory]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@course+block@course", "makes it a usage key, not a learning context key")]
    [InlineData("ccx-block-v1:edX+DemoX+Demo_Course+ccx@1+type@course+block@course", "makes it a usage key")]
    [InlineData("i4x://edX/DemoX/course/Demo_Course", "makes it a usage key")]
    [InlineData("lib-block-v1:OpenedX+Lib+type@problem+block@p1", "makes it a v1 library usage key")]
    [InlineData("lb:OpenedX:demo-lib:problem:p1", "makes it a v2 library block key")]
    [InlineData("slashes:DemoUniversity+DM01+2014", "'slashes:{org}+{course}+{run}' form is not supported")]
    [InlineData("location:GradingUniv+GT101+2014+chapter+4420ef6679b34ee8ba0cfd6d514b1b38", "'location:")]
    [InlineData("asset-v1:edX+DemoX+Demo_Course+type@asset+block@logo.png", "a kind this service does not handle")]
    [InlineData("lib-collection:OpenedX:demo-lib:col1", "a kind this service does not handle")]
    [InlineData("lct:OpenedX:demo-lib:unit:u1", "a kind this service does not handle")]
    [InlineData("Course-v1:edX+DemoX+Demo_Course", "did you mean 'course-v1:'?")]
    [InlineData("LIB:OpenedX:demo-lib", "did you mean 'lib:'?")]
    [InlineData("foo:bar", "unknown namespace 'foo:'")]
    [InlineData("edX+DemoX+Demo_Course", "exactly two '/'")]
    [InlineData("", "the key is empty")]
    [InlineData("course-v1:edX+DemoX", "the run is missing")]
    [InlineData("library-v1:OpenedX", "the library is missing")]
    [InlineData("lib:OpenedX", "exactly two parts after 'lib:'")]
    public void Parse_OtherKinds_ThrowWithAReason(string text, string reason)
    {
        var error = Assert.Throws<InvalidKeyException>(() => LearningContextKey.Parse(text));

        Assert.Equal((text, KeyKind.LearningContext), (error.Key, error.KeyKind));
        Assert.Contains(reason, error.Message);
        Assert.False(LearningContextKey.TryParse(text, out _));
    }

    [Fact]
    public void Equality_AcrossKinds_NeverEqual()
    {
        Assert.NotEqual(LearningContextKey.Parse("course-v1:org+lib+run"), LearningContextKey.Parse("library-v1:org+lib"));
        Assert.NotEqual(LearningContextKey.Parse("library-v1:org+lib"), LearningContextKey.Parse("lib:org:lib"));
    }
}
