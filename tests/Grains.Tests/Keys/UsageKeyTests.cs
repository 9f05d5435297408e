using Actors.Grains.Keys;

namespace Actors.Grains.Tests.Keys;

public sealed class UsageKeyTests
{
    private const string Version = "519665f6223ebd6980884f2b";

    [Theory]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions", "course-v1:edX+DemoX+Demo_Course", "sequential", "basic_questions")]
    [InlineData("block-v1:OpenedX+DemoX+DemoCourse+type@drag-and-drop-v2+block@5c0a4d2c3c5d4bb1b4f1f0a8", "course-v1:OpenedX+DemoX+DemoCourse", "drag-and-drop-v2", "5c0a4d2c3c5d4bb1b4f1f0a8")]
    [InlineData("block-v1:org+course+run+type@category+block@name", "course-v1:org+course+run", "category", "name")]
    [InlineData("block-v1:org+course+run+branch@revision+type@category+block@name", "course-v1:org+course+run+branch@revision", "category", "name")]
    [InlineData("block-v1:org.dept.sub-prof+course.num.section-4+run.hour.min-99+type@category+block@name:12.33-44",
        "course-v1:org.dept.sub-prof+course.num.section-4+run.hour.min-99", "category", "name:12.33-44")]
    [InlineData("block-v1:org+course+run+branch@draft+version@" + Version + "+type@problem+block@lab2",
        "course-v1:org+course+run+branch@draft+version@" + Version, "problem", "lab2")]
    [InlineData("block-v1:mit.eecs+6002x+2014_T2+version@" + Version + "+type@problem+block@lab2", "course-v1:mit.eecs+6002x+2014_T2+version@" + Version, "problem", "lab2")]
    [InlineData("block-v1:mit.eecs+foo+2014_T2+branch@foo+type@problem+block@problem:with-colon~2", "course-v1:mit.eecs+foo+2014_T2+branch@foo", "problem", "problem:with-colon~2")]
    [InlineData("block-v1:Ünï+c+r+type@prøblem+block@ñame²Ⅻ", "course-v1:Ünï+c+r", "prøblem", "ñame²Ⅻ")]
    [InlineData("block-v1:o+c+r+type@block+block@type", "course-v1:o+c+r", "block", "type")]
    [InlineData("ccx-block-v1:org+course+run+ccx@1+type@category+block@name", "ccx-v1:org+course+run+ccx@1", "category", "name")]
    [InlineData("ccx-block-v1:org+course+run+branch@revision+ccx@1+type@category+block@name", "ccx-v1:org+course+run+branch@revision+ccx@1", "category", "name")]
    [InlineData("ccx-block-v1:org.dept.sub-prof+course.num.section-4+run.hour.min-99+ccx@1+type@category+block@name:12.33-44",
        "ccx-v1:org.dept.sub-prof+course.num.section-4+run.hour.min-99+ccx@1", "category", "name:12.33-44")]
    public void Parse_BlockV1_ReadsCourseTypeAndId(string text, string course, string blockType, string blockId)
    {
        var key = UsageKey.Parse(text);

        Assert.Equal(CourseKey.Parse(course), key.CourseKey);
        Assert.Equal((blockType, blockId), (key.BlockType, key.BlockId));
        Assert.Equal(text, key.ToString());
        Assert.Equal(key, key.CourseKey.MakeUsageKey(blockType, blockId));
    }

    [Theory]
    [InlineData("i4x://org/course/category/name", "org", "course", "category", "name", null)]
    [InlineData("i4x://org/course/category/name@revision", "org", "course", "category", "name", "revision")]
    [InlineData("i4x://org.dept%sub-prof/course.num%section-4/category/name:12%33-44", "org.dept%sub-prof", "course.num%section-4", "category", "name:12%33-44", null)]
    [InlineData("i4x://MITx/6.002x/problem/Sample_Algebraic_Problem@draft", "MITx", "6.002x", "problem", "Sample_Algebraic_Problem", "draft")]
    [InlineData("i4x://Ünï/cø/vidéo/ñame~x", "Ünï", "cø", "vidéo", "ñame~x", null)]
    public void Parse_I4x_IsDeprecatedWithoutRun(string text, string org, string course, string blockType, string blockId, string? revision)
    {
        var key = UsageKey.Parse(text);

        Assert.True(key.CourseKey.IsDeprecated);
        Assert.Equal((org, course, "", revision), (key.CourseKey.Org, key.CourseKey.Course, key.CourseKey.Run, key.CourseKey.Branch));
        Assert.Equal((blockType, blockId), (key.BlockType, key.BlockId));
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    // missing, empty or extra parts
    [InlineData("")]
    [InlineData("block-v1:")]
    [InlineData("block-v1:edX+DemoX+Demo_Course")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+type@sequential+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+extra+type@sequential+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions+")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential++block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions+extra")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+block@basic_questions+type@sequential")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+type@vertical+block@x")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+branch@draft+block@x")]
    [InlineData("block-v1:version@" + Version + "+type@problem+block@lab2")]
    // whitespace (opaque-keys' trailing-whitespace vectors and more)
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions\n")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions\n\n")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions ")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions   ")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions   \n")]
    [InlineData(" block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@seq uential+block@basic_questions")]
    // characters: block ids in block-v1 are [\w\-~.:], so '%' (and no decoding) is out
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic%20questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic%5Fquestions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@a@b")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@a/b")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@\u00AE")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@e\u0301")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@se%71uential+block@x")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions#x")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions?x=1")]
    // namespaces and tags are case-sensitive
    [InlineData("Block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions")]
    [InlineData("BLOCK-V1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions")]
    [InlineData("block-v2:edX+DemoX+Demo_Course+type@sequential+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+TYPE@sequential+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+Block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+Type@sequential+block@basic_questions")]
    // CCX blocks
    [InlineData("block-v1:edX+DemoX+Demo_Course+ccx@1+type@sequential+block@x")]
    [InlineData("ccx-block-v1:org+course+run+type@category+block@name")]
    [InlineData("ccx-block-v1:org+course+run+ccx@1+type@category")]
    [InlineData("ccx-block-v1:org+course+run+branch@revision+ccx@1+type@category")]
    [InlineData("ccx-block-v1:org+course+run+type@category+ccx@1+block@name")]
    [InlineData("ccx-block-v1:org+course+run+ccx@1+type@category+block@na%20me")]
    [InlineData("ccx-block-v1:org+course+run+CCX@1+type@category+block@name")]
    [InlineData("CCX-BLOCK-V1:org+course+run+ccx@1+type@category+block@name")]
    // deprecated i4x://{org}/{course}/{type}/{id}[@{revision}]
    [InlineData("i4x://org/course/category")]
    [InlineData("i4x://org/course/category/name/extra")]
    [InlineData("i4x://org/course/category/name@")]
    [InlineData("i4x://org/course/category/name@rev@x")]
    [InlineData("i4x://org/course/category/name@rev/x")]
    [InlineData("i4x:/org/course/category/name")]
    [InlineData("i4x:org/course/category/name")]
    [InlineData("I4X://org/course/category/name")]
    [InlineData("i4x://org:x/course/category/name")]
    [InlineData("i4x://org/co~urse/category/name")]
    [InlineData("i4x://org/course/category/na me")]
    [InlineData("i4x://org/course/category/name ")]
    [InlineData("i4x://org/course/category/name\n")]
    [InlineData("i4x://org/course/category/name@\u00AE")]
    [InlineData("i4x://org/course/category/\u00AE")]
    [InlineData("i4x://org/course/cat egory/name")]
    [InlineData("i4x:///course/category/name")]
    [InlineData("i4x://org//category/name")]
    [InlineData("i4x://org/course//name")]
    [InlineData("i4x://org/course/category/")]
    // other kinds of key
    [InlineData("course-v1:edX+DemoX+Demo_Course")]
    [InlineData("edX/DemoX/Demo_Course")]
    [InlineData("lib-block-v1:OpenedX+DemoRespiratoryQuestions+type@problem+block@0895f1b6c0b329e50b90")]
    [InlineData("lb:OpenedX:demo-lib:problem:p1")]
    [InlineData("location:GradingUniv+GT101+2014+chapter+4420ef6679b34ee8ba0cfd6d514b1b38")]
    [InlineData("aside-usage-v2:block-v1$:edX+DemoX+Demo_Course+type@problem+block@p::tagging")]
    [InlineData("edX+DemoX+Demo_Course+type@sequential+block@basic_questions")]
    public void Parse_InvalidKey_ThrowsInvalidKeyExceptionNamingTheKey(string text)
    {
        var error = Assert.Throws<InvalidKeyException>(() => UsageKey.Parse(text));

        Assert.Equal(text, error.Key);
        Assert.Equal(KeyKind.Usage, error.KeyKind);
        Assert.Contains("is not a valid usage key: ", error.Message);
        Assert.False(UsageKey.TryParse(text, out var key));
        Assert.Null(key);
    }

    [Fact]
    public void CourseKey_OfBlockV1_IsTheCourseWithBranchAndVersion()
    {
        var usage = UsageKey.Parse("block-v1:org+course+run+branch@draft+version@" + Version + "+type@problem+block@lab2");

        Assert.Equal("course-v1:org+course+run+branch@draft+version@" + Version, usage.CourseKey.ToString());
        Assert.Equal(("draft", Version), (usage.CourseKey.Branch, usage.CourseKey.VersionGuid));
    }

    [Fact]
    public void CourseKey_OfCcxBlock_IsTheCcx()
    {
        var usage = UsageKey.Parse("ccx-block-v1:edX+DemoX+Demo_Course+ccx@7+type@problem+block@p1");

        Assert.Equal(CourseKey.Parse("ccx-v1:edX+DemoX+Demo_Course+ccx@7"), usage.CourseKey);
        Assert.Equal(CourseKey.Parse("course-v1:edX+DemoX+Demo_Course"), usage.CourseKey.MasterCourse);
    }

    [Fact]
    public void CourseKey_OfI4x_IsDeprecatedWithEmptyRun()
    {
        var usage = UsageKey.Parse("i4x://edX/DemoX/sequential/basic_questions");

        Assert.Equal(CourseKey.Parse("edX/DemoX/"), usage.CourseKey);
        Assert.Equal(usage, CourseKey.Parse("edX/DemoX/").MakeUsageKey("sequential", "basic_questions"));
    }

    [Fact]
    public void UsageKeysOfADeprecatedCourse_PrintAsI4xWithoutTheRun()
    {
        var usage = CourseKey.Parse("edX/DemoX/Demo_Course").MakeUsageKey("sequential", "basic_questions");

        Assert.Equal("i4x://edX/DemoX/sequential/basic_questions", usage.ToString());
        Assert.Equal("Demo_Course", usage.CourseKey.Run);
        Assert.NotEqual(usage, UsageKey.Parse(usage.ToString()));
    }

    [Theory]
    [InlineData("i4x://edX/DemoX/sequential/basic_questions", "course-v1:edX+DemoX+Demo_Course", "block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions")]
    [InlineData("i4x://edX/DemoX/sequential/basic_questions@draft", "edX/DemoX/Demo_Course", "i4x://edX/DemoX/sequential/basic_questions")]
    [InlineData("block-v1:a+b+c+type@problem+block@p:1", "course-v1:edX+DemoX+Demo_Course", "block-v1:edX+DemoX+Demo_Course+type@problem+block@p:1")]
    [InlineData("block-v1:a+b+c+type@problem+block@p1", "ccx-v1:edX+DemoX+Demo_Course+ccx@2", "ccx-block-v1:edX+DemoX+Demo_Course+ccx@2+type@problem+block@p1")]
    [InlineData("block-v1:a+b+c+type@problem+block@p1", "edX/DemoX/Demo_Course", "i4x://edX/DemoX/problem/p1")]
    public void MapIntoCourse_KeepsTypeAndId(string usage, string course, string expected) =>
        Assert.Equal(expected, UsageKey.Parse(usage).MapIntoCourse(CourseKey.Parse(course)).ToString());

    [Theory]
    [InlineData("block-v1:org+course+run+type@html+block@h", "course-v1:org+course+run", true)]
    [InlineData("block-v1:org+course+run+type@html+block@h", "course-v1:org+course+run2", false)]
    [InlineData("block-v1:org+course+run+branch@draft+type@html+block@h", "course-v1:org+course+run", false)]
    [InlineData("block-v1:org+course+run+type@html+block@h", "org/course/run", false)]
    [InlineData("i4x://org/course/html/h", "org/course/run", true)]
    [InlineData("i4x://org/course/html/a%20b", "org/course/run", true)]
    [InlineData("i4x://org/course/html/h", "org/other/run", false)]
    [InlineData("i4x://org/course/html/h", "Org/course/run", false)]
    [InlineData("i4x://org/course/html/h@draft", "org/course/run", false)]
    [InlineData("i4x://org/course/html/h", "course-v1:org+course+run", false)]
    [InlineData("ccx-block-v1:org+course+run+ccx@1+type@html+block@h", "ccx-v1:org+course+run+ccx@1", true)]
    [InlineData("ccx-block-v1:org+course+run+ccx@1+type@html+block@h", "course-v1:org+course+run", false)]
    public void IsIn_ComparesTheCourse_AndPlacesRunlessI4xKeysInTheDeprecatedCourseOfTheirOrgAndCourse(string usage, string course, bool expected) =>
        Assert.Equal(expected, UsageKey.Parse(usage).IsIn(CourseKey.Parse(course)));

    [Fact]
    public void MapIntoCourse_PercentIdIntoCourseV1_ThrowsInvalidKeyException() =>
        Assert.Throws<InvalidKeyException>(() => UsageKey.Parse("i4x://org/course/problem/a%20b").MapIntoCourse(CourseKey.Parse("course-v1:org+course+run")));

    [Theory]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions")]
    [InlineData("ccx-block-v1:edX+DemoX+Demo_Course+ccx@1+type@sequential+block@basic_questions")]
    [InlineData("i4x://edX/DemoX/sequential/basic_questions@draft")]
    public void Equality_SameText_EqualWithSameHash(string text)
    {
        Assert.Equal(UsageKey.Parse(text), UsageKey.Parse(text));
        Assert.Equal(UsageKey.Parse(text).GetHashCode(), UsageKey.Parse(text).GetHashCode());
    }

    [Theory]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions", "block-v1:edX+DemoX+Demo_Course+type@sequential+block@Basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions", "block-v1:edX+DemoX+Demo_Course+type@vertical+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions", "block-v1:edX+DemoX+Demo_Course+branch@b+type@sequential+block@basic_questions")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions", "ccx-block-v1:edX+DemoX+Demo_Course+ccx@1+type@sequential+block@basic_questions")]
    [InlineData("i4x://edX/DemoX/sequential/basic_questions", "i4x://edX/DemoX/sequential/basic_questions@draft")]
    public void Equality_DifferentParts_NotEqual(string left, string right) => Assert.NotEqual(UsageKey.Parse(left), UsageKey.Parse(right));
}
