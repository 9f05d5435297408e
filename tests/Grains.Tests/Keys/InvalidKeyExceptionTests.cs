using Actors.Grains.Keys;

namespace Actors.Grains.Tests.Keys;

public sealed class InvalidKeyExceptionTests
{
    [Theory]
    [InlineData("course-v1:edX+DemoX",
        "'course-v1:edX+DemoX' is not a valid course key: the run is missing; expected course-v1:{org}+{course}+{run}[+branch@{branch}][+version@{version}].")]
    [InlineData("course-v1:edX+DemoX+Demo_Course\n",
        @"'course-v1:edX+DemoX+Demo_Course\n' is not a valid course key: the run 'Demo_Course\n' contains '\n' (U+000A), which is not allowed (allowed: letters, numbers, '_', '-', '~', '.', ':').")]
    [InlineData("course-v1:edX+DemoX+Demo%20Course",
        "'course-v1:edX+DemoX+Demo%20Course' is not a valid course key: the run 'Demo%20Course' contains '%' (U+0025), which is not allowed (allowed: letters, numbers, '_', '-', '~', '.', ':').")]
    [InlineData("Course-v1:edX+DemoX+Demo_Course",
        "'Course-v1:edX+DemoX+Demo_Course' is not a valid course key: unknown namespace 'Course-v1:' (namespaces are case-sensitive: did you mean 'course-v1:'?).")]
    [InlineData("course-v1:edX+DemoX+Demo_Course+Branch@draft",
        "'course-v1:edX+DemoX+Demo_Course+Branch@draft' is not a valid course key: tags are lowercase: 'Branch@' should be 'branch@'.")]
    [InlineData("course-v1:version@519665f6223ebd6980884f2b",
        "'course-v1:version@519665f6223ebd6980884f2b' is not a valid course key: version-only keys ('course-v1:version@…') are not supported; expected course-v1:{org}+{course}+{run}[+branch@{branch}][+version@{version}].")]
    [InlineData("lib:OpenedX:demo-lib",
        "'lib:OpenedX:demo-lib' is not a valid course key: 'lib:' makes it a v2 library key, not a course key.")]
    [InlineData("course-v1:edX+DemoX+Demo\u00A0Course",
        @"'course-v1:edX+DemoX+Demo\u00A0Course' is not a valid course key: the run 'Demo\u00A0Course' contains '\u00A0' (U+00A0), which is not allowed (allowed: letters, numbers, '_', '-', '~', '.', ':').")]
    [InlineData("course-v1:edX+De\u0301moX+Demo_Course",
        "'course-v1:edX+De\u0301moX+Demo_Course' is not a valid course key: the course 'De\u0301moX' contains U+0301, which is not allowed (allowed: letters, numbers, '_', '-', '~', '.', ':').")]
    [InlineData("course-v1:edX+Demo\u200DX+Demo_Course",
        @"'course-v1:edX+Demo\u200DX+Demo_Course' is not a valid course key: the course 'Demo\u200DX' contains '\u200D' (U+200D), which is not allowed (allowed: letters, numbers, '_', '-', '~', '.', ':').")]
    [InlineData("edX/DemoX/Demo:Course",
        "'edX/DemoX/Demo:Course' is not a valid course key: the run 'Demo:Course' contains ':' (U+003A), which is not allowed (allowed: letters, numbers, '_', '-', '.', '%').")]
    [InlineData("org/co~urse/run",
        "'org/co~urse/run' is not a valid course key: the course 'co~urse' contains '~' (U+007E), which is not allowed (allowed: letters, numbers, '_', '-', '.', '%').")]
    public void Message_QuotesTheKeyAndSaysWhatIsWrong(string text, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidKeyException>(() => CourseKey.Parse(text)).Message);

    [Theory]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential",
        "'block-v1:edX+DemoX+Demo_Course+type@sequential' is not a valid usage key: 'block@' is missing; expected block-v1:{org}+{course}+{run}[+branch@{branch}][+version@{version}]+type@{type}+block@{id}.")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+block@x+type@sequential",
        "'block-v1:edX+DemoX+Demo_Course+block@x+type@sequential' is not a valid usage key: 'type@' must come before 'block@'; expected block-v1:{org}+{course}+{run}[+branch@{branch}][+version@{version}]+type@{type}+block@{id}.")]
    [InlineData("block-v1:edX+DemoX+Demo_Course+type@sequential+block@a%20b",
        "'block-v1:edX+DemoX+Demo_Course+type@sequential+block@a%20b' is not a valid usage key: the block id 'a%20b' contains '%' (U+0025), which is not allowed (allowed: letters, numbers, '_', '-', '~', '.', ':').")]
    public void Message_ForUsageKeys_NamesThePart(string text, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidKeyException>(() => UsageKey.Parse(text)).Message);

    [Fact]
    public void Message_LongKey_IsShortenedButKeyIsKeptWhole()
    {
        var text = "course-v1:" + new string('a', 1_000) + "+b";

        var error = Assert.Throws<InvalidKeyException>(() => CourseKey.Parse(text));

        Assert.Equal(text, error.Key);
        Assert.Contains("…' (1012 characters) is not a valid course key", error.Message);
        Assert.True(error.Message.Length < 700);
    }

    [Fact]
    public void InvalidKeyException_IsAFormatException_WithReason()
    {
        var error = Assert.Throws<InvalidKeyException>(() => UsageKey.Parse("block-v1:a+b+c+type@t"));

        Assert.IsAssignableFrom<FormatException>(error);
        Assert.Equal(error.Message, $"'{error.Key}' is not a valid usage key: {error.Reason}.");
    }
}
