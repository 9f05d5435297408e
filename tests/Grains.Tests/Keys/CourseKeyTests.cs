using Actors.Grains.Keys;

namespace Actors.Grains.Tests.Keys;

public sealed class CourseKeyTests
{
    private const string Version = "519665f6223ebd6980884f2b";

    [Theory]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "edX", "DemoX", "Demo_Course")]
    [InlineData("course-v1:OpenedX+DemoX+DemoCourse", "OpenedX", "DemoX", "DemoCourse")]
    [InlineData("course-v1:mit.eecs+6002x+2014_T2", "mit.eecs", "6002x", "2014_T2")]
    [InlineData("course-v1:mit.eecs+~6002x+2014_T2", "mit.eecs", "~6002x", "2014_T2")]
    [InlineData("course-v1:org:with:colons+course+run", "org:with:colons", "course", "run")]
    [InlineData("course-v1:a-b~c.d:e_f+1+2", "a-b~c.d:e_f", "1", "2")]
    [InlineData("course-v1:branch+version+type", "branch", "version", "type")]
    [InlineData("course-v1:a+b+c", "a", "b", "c")]
    [InlineData("course-v1:Ünïcødé+café+2024", "Ünïcødé", "café", "2024")]
    [InlineData("course-v1:東京大学+Ⅻ²+٣_run", "東京大学", "Ⅻ²", "٣_run")]
    [InlineData("course-v1:\U0001D518org+course+run", "\U0001D518org", "course", "run")]
    public void Parse_CourseV1_ReadsOrgCourseRun(string text, string org, string course, string run)
    {
        var key = CourseKey.Parse(text);

        Assert.Equal((org, course, run), (key.Org, key.Course, key.Run));
        Assert.Equal((null, null, null, false, false), (key.Branch, key.VersionGuid, key.CcxId, key.IsCcx, key.IsDeprecated));
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("course-v1:org+course+run+branch@published-branch", "published-branch", null)]
    [InlineData("course-v1:mit.eecs+honors.6002x+2014_T2+version@" + Version, null, Version)]
    [InlineData("course-v1:mit.eecs+~6002x+2014_T2+branch@draft-1+version@" + Version, "draft-1", Version)]
    [InlineData("course-v1:org+course+run+branch@a:b~c.d-e_f", "a:b~c.d-e_f", null)]
    public void Parse_BranchAndVersion_AreReadAndPrintedBack(string text, string? branch, string? version)
    {
        var key = CourseKey.Parse(text);

        Assert.Equal((branch, version), (key.Branch, key.VersionGuid));
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1", "1", "course-v1:edX+DemoX+Demo_Course")]
    [InlineData("ccx-v1:org+course+run+ccx@007", "007", "course-v1:org+course+run")]
    [InlineData("ccx-v1:mit.eecs+6002x+2014_T2+branch@draft-1+ccx@42", "42", "course-v1:mit.eecs+6002x+2014_T2+branch@draft-1")]
    [InlineData("ccx-v1:mit.eecs+6002x+2014_T2+version@" + Version + "+ccx@1", "1", "course-v1:mit.eecs+6002x+2014_T2+version@" + Version)]
    [InlineData("ccx-v1:mit.eecs+6002x+2014_T2+branch@draft-1+version@" + Version + "+ccx@123456789012345678901234567890", "123456789012345678901234567890",
        "course-v1:mit.eecs+6002x+2014_T2+branch@draft-1+version@" + Version)]
    public void Parse_Ccx_ReadsCcxIdAndMasterCourse(string text, string ccxId, string masterCourse)
    {
        var key = CourseKey.Parse(text);

        Assert.True(key.IsCcx);
        Assert.Equal(ccxId, key.CcxId);
        Assert.Equal(masterCourse, key.MasterCourse.ToString());
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("edX/DemoX/Demo_Course", "edX", "DemoX", "Demo_Course")]
    [InlineData("foo/bar/baz", "foo", "bar", "baz")]
    [InlineData("MITx/6.002x/2012_Fall", "MITx", "6.002x", "2012_Fall")]
    [InlineData("org/course/", "org", "course", "")]
    [InlineData("org.dept%sub-prof/course.num%section-4/run", "org.dept%sub-prof", "course.num%section-4", "run")]
    [InlineData("Org/Demo%2BCourse/Run%20One", "Org", "Demo%2BCourse", "Run%20One")]
    [InlineData("Ünï/cøurse/ŕun", "Ünï", "cøurse", "ŕun")]
    public void Parse_DeprecatedSlashForm_IsDeprecatedAndPrintsBackDeprecated(string text, string org, string course, string run)
    {
        var key = CourseKey.Parse(text);

        Assert.True(key.IsDeprecated);
        Assert.Equal((org, course, run), (key.Org, key.Course, key.Run));
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    // empty, missing or extra parts
    [InlineData("")]
    [InlineData("course-v1:")]
    [InlineData("course-v1:edX")]
    [InlineData("course-v1:edX+DemoX")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+")]
    [InlineData("course-v1:+edX+DemoX+Demo_Course")]
    [InlineData("course-v1:edX++DemoX+Demo_Course")]
    [InlineData("course-v1:edX+DemoX++Demo_Course")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+extra")]
    [InlineData("course-v1:edX+DemoX+Demo_Course++branch@b")]
    [InlineData("course-v1:edX/DemoX/Demo_Course")]
    [InlineData("course-v1:/mit.eecs")]
    [InlineData("course-v1:mit+course+runbranch@branch")]
    // whitespace is never trimmed
    [InlineData(" course-v1:edX+DemoX+Demo_Course")]
    [InlineData("course-v1:edX+DemoX+Demo_Course ")]
    [InlineData("course-v1:edX+DemoX+Demo_Course\n")]
    [InlineData("course-v1:edX+DemoX+Demo_Course\n\n")]
    [InlineData("course-v1:edX+DemoX+Demo_Course   \n")]
    [InlineData("course-v1:edX+DemoX+Demo_Course\r\n")]
    [InlineData("course-v1:edX+DemoX+Demo_Course\t")]
    [InlineData("course-v1: edX+DemoX+Demo_Course")]
    [InlineData("course-v1:edX+Demo X+Demo_Course")]
    [InlineData("course-v1:edX+DemoX+Demo\u00A0Course")]
    [InlineData("course-v1:edX+DemoX+Demo\u2028Course")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+branch@draft ")]
    // characters outside [\w\-~.:] (Python's Unicode \w)
    [InlineData("course-v1:mit.ee,cs+test+2014_T2")]
    [InlineData("course-v1:mit.ee&cs+test+2014_T2")]
    [InlineData("course-v1:mit.ee()cs+test+2014_T2")]
    [InlineData("course-v1:mit.ee/cs+test+2014_T2")]
    [InlineData("course-v1:mit.ee#cs+test+2014_T2")]
    [InlineData("course-v1:test+\uFFFD+2014_T2")]
    [InlineData("course-v1:test+e\u0301+2014_T2")]
    [InlineData("course-v1:test+a\u203Fb+2014_T2")]
    [InlineData("course-v1:test+a\u200Db+2014_T2")]
    [InlineData("course-v1:test+\u00AE+2014_T2")]
    [InlineData("course-v1:test+\U0001F600+2014_T2")]
    [InlineData("course-v1:edX+DemoX+Demo%20Course")]
    [InlineData("course-v1:edX+DemoX+Demo%2BCourse")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+branch@dr%61ft")]
    // namespaces are exact and case-sensitive
    [InlineData("Course-v1:edX+DemoX+Demo_Course")]
    [InlineData("COURSE-V1:edX+DemoX+Demo_Course")]
    [InlineData("course-V1:edX+DemoX+Demo_Course")]
    [InlineData("course-v2:edX+DemoX+Demo_Course")]
    [InlineData("course_v1:edX+DemoX+Demo_Course")]
    [InlineData("coursev1:edX+DemoX+Demo_Course")]
    [InlineData("course-v1 :edX+DemoX+Demo_Course")]
    [InlineData(":edX+DemoX+Demo_Course")]
    [InlineData("http:mit.eecs")]
    [InlineData("CCX-v1:edX+DemoX+Demo_Course+ccx@1")]
    // tags: lowercase, known, once each, in order, non-empty
    [InlineData("course-v1:edX+DemoX+Demo_Course+Branch@draft")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+BRANCH@draft")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+branch@")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+branch@a+branch@b")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+version@" + Version + "+branch@draft")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+branch@a@b")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+foo@bar")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+@bar")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+branch@draft+extra")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+ccx@1")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+VERSION@" + Version)]
    [InlineData("course-v1:branch@draft")]
    // versions are exactly 24 lowercase hex digits
    [InlineData("course-v1:edX+DemoX+Demo_Course+version@519665F6223EBD6980884F2B")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+version@519665f6223ebd6980884f2")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+version@519665f6223ebd6980884f2bb")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+version@519665f6223ebd6980884f2g")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+version@")]
    // forms Open edX accepts but cannot print back as given (see README)
    [InlineData("course-v1:version@" + Version)]
    [InlineData("course-v1:edX+DemoX+version@" + Version)]
    [InlineData("course-v1:edX+DemoX+Demo_Course+type@problem+block@lab2")]
    [InlineData("course-v1:version@" + Version + "+block@hw3")]
    [InlineData("slashes:DemoUniversity+DM01+2014")]
    // CCX
    [InlineData("ccx-v1:edX+DemoX+Demo_Course")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@x1")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@-1")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1.0")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@\u0663")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+CCX@1")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1+branch@draft")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1+ccx@2")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1 ")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1\n")]
    [InlineData("ccx-v1:edX+DemoX+ccx@1")]
    [InlineData("ccx-v1:version@" + Version + "+ccx@1")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+version@519665F6223EBD6980884F2B+ccx@1")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1+type@problem+block@p")]
    // deprecated org/course/run: exactly two '/', org and course non-empty, [\w.%-] only
    [InlineData("foo!/bar/baz")]
    [InlineData("org/course")]
    [InlineData("org/course/run/foo")]
    [InlineData("edX/DemoX/Demo_Course/")]
    [InlineData("/course/run")]
    [InlineData("org//run")]
    [InlineData("//")]
    [InlineData("org+course+run")]
    [InlineData("org+course")]
    [InlineData("org/co~urse/run")]
    [InlineData("org/course/ru n")]
    [InlineData("org/course/run ")]
    [InlineData(" org/course/run")]
    [InlineData("org/course/run\n")]
    [InlineData("org:x/course/run")]
    [InlineData("org/course/r+n")]
    [InlineData("org/course/r@n")]
    [InlineData("org/cou\u00AErse/run")]
    // other kinds of key
    [InlineData("library-v1:OpenedX+DemoRespiratoryQuestions")]
    [InlineData("lib:OpenedX:demo-lib")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@course+block@course")]
    [InlineData("ccx-block-v1:edX+DemoX+Demo_Course+ccx@1+type@course+block@course")]
    [InlineData("lb:OpenedX:demo-lib:problem:p1")]
    [InlineData("i4x://org/course/category/name")]
    [InlineData("location:GradingUniv+GT101+2014+chapter+4420ef6679b34ee8ba0cfd6d514b1b38")]
    [InlineData("asset-v1:edX+DemoX+Demo_Course+type@asset+block@logo.png")]
    public void Parse_InvalidKey_ThrowsInvalidKeyExceptionNamingTheKey(string text)
    {
        var error = Assert.Throws<InvalidKeyException>(() => CourseKey.Parse(text));

        Assert.Equal(text, error.Key);
        Assert.Equal(KeyKind.Course, error.KeyKind);
        Assert.StartsWith("'", error.Message);
        Assert.Contains("is not a valid course key: ", error.Message);
        Assert.False(CourseKey.TryParse(text, out var key));
        Assert.Null(key);
    }

    [Fact]
    public void Parse_UnpairedSurrogate_IsInvalid()
    {
        var error = Assert.Throws<InvalidKeyException>(() => CourseKey.Parse("course-v1:test+a\uD800b+run"));

        Assert.Contains("unpaired surrogate (U+D800)", error.Message);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse() => Assert.False(CourseKey.TryParse(null, out _));

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException() => Assert.Throws<ArgumentNullException>(() => CourseKey.Parse(null!));

    [Fact]
    public void Parse_VeryLongParts_AreValidBecauseOpenEdxSetsNoLimit()
    {
        var text = $"course-v1:{new string('o', 10_000)}+{new string('c', 10_000)}+{new string('r', 10_000)}";

        Assert.Equal(text, CourseKey.Parse(text).ToString());
    }

    [Theory]
    [InlineData("course-v1:edX+DemoX+Demo_Course")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+branch@draft+version@" + Version)]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@3")]
    [InlineData("edX/DemoX/Demo_Course")]
    [InlineData("org/course/")]
    public void Equality_SameText_EqualWithSameHash(string text)
    {
        Assert.Equal(CourseKey.Parse(text), CourseKey.Parse(text));
        Assert.Equal(CourseKey.Parse(text).GetHashCode(), CourseKey.Parse(text).GetHashCode());
        Assert.Equal<LearningContextKey>(CourseKey.Parse(text), LearningContextKey.Parse(text));
    }

    [Theory]
    [InlineData("edX/DemoX/Demo_Course", "course-v1:edX+DemoX+Demo_Course")]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "course-v1:edX+DemoX+Demo_Course+branch@draft")]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "course-v1:edX+DemoX+Demo_Course+version@" + Version)]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "ccx-v1:edX+DemoX+Demo_Course+ccx@1")]
    [InlineData("ccx-v1:edX+DemoX+Demo_Course+ccx@1", "ccx-v1:edX+DemoX+Demo_Course+ccx@01")]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "course-v1:edx+DemoX+Demo_Course")]
    [InlineData("org/course/", "org/course/run")]
    public void Equality_DifferentPartsOrForm_NotEqual(string left, string right) =>
        Assert.NotEqual(CourseKey.Parse(left), CourseKey.Parse(right));

    [Theory]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "sequential", "basic_questions", "block-v1:edX+DemoX+Demo_Course+type@sequential+block@basic_questions")]
    [InlineData("course-v1:org+course+run+branch@draft+version@" + Version, "problem", "lab2",
        "block-v1:org+course+run+branch@draft+version@" + Version + "+type@problem+block@lab2")]
    [InlineData("course-v1:org+course+run", "problem", "problem:with-colon~2", "block-v1:org+course+run+type@problem+block@problem:with-colon~2")]
    [InlineData("ccx-v1:org+course+run+ccx@1", "category", "name", "ccx-block-v1:org+course+run+ccx@1+type@category+block@name")]
    [InlineData("org/course/run", "category", "name", "i4x://org/course/category/name")]
    [InlineData("org/course/run", "category", "name:12%33-44", "i4x://org/course/category/name:12%33-44")]
    public void MakeUsageKey_PrintsTheCanonicalUsageKey(string course, string blockType, string blockId, string expected)
    {
        var usage = CourseKey.Parse(course).MakeUsageKey(blockType, blockId);

        Assert.Equal(expected, usage.ToString());
        Assert.Equal(CourseKey.Parse(course), usage.CourseKey);
        Assert.Equal((blockType, blockId), (usage.BlockType, usage.BlockId));
    }

    [Theory]
    [InlineData("course-v1:org+course+run", "problem", "a%20b")]
    [InlineData("course-v1:org+course+run", "pro blem", "p1")]
    [InlineData("course-v1:org+course+run", "problem", "")]
    [InlineData("course-v1:org+course+run", "", "p1")]
    [InlineData("course-v1:org+course+run", "problem", "p1+type@x")]
    [InlineData("course-v1:org+course+run", "problem", "p1 ")]
    [InlineData("org/course/run", "problem", "a/b")]
    [InlineData("org/course/run", "problem", "a@b")]
    public void MakeUsageKey_InvalidTypeOrId_ThrowsInvalidKeyException(string course, string blockType, string blockId)
    {
        var error = Assert.Throws<InvalidKeyException>(() => CourseKey.Parse(course).MakeUsageKey(blockType, blockId));

        Assert.Equal(KeyKind.Usage, error.KeyKind);
    }

    [Fact]
    public void ForCcx_Course_MakesCcxKeyWhoseMasterIsTheCourse()
    {
        var course = CourseKey.Parse("course-v1:edX+DemoX+Demo_Course");

        var ccx = course.ForCcx("12");

        Assert.Equal("ccx-v1:edX+DemoX+Demo_Course+ccx@12", ccx.ToString());
        Assert.Equal(CourseKey.Parse("ccx-v1:edX+DemoX+Demo_Course+ccx@12"), ccx);
        Assert.Equal(course, ccx.MasterCourse);
        Assert.Same(course, course.MasterCourse);
    }

    [Theory]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "")]
    [InlineData("course-v1:edX+DemoX+Demo_Course", "1a")]
    [InlineData("course-v1:edX+DemoX+Demo_Course", " 1")]
    [InlineData("edX/DemoX/Demo_Course", "1")]
    public void ForCcx_InvalidIdOrDeprecatedCourse_ThrowsInvalidKeyException(string course, string ccxId) =>
        Assert.Throws<InvalidKeyException>(() => CourseKey.Parse(course).ForCcx(ccxId));
}
