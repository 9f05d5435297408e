using Actors.Grains.Courses.Content;

namespace Actors.Grains.Tests.Courses;

/// <summary>Builds course content for tests: chapters of sequentials of verticals, each vertical holding a problem and
/// an html block; the first sequential of each chapter is graded.</summary>
internal static class TestCourses
{
    public const string Problem = "<problem><multiplechoiceresponse><choicegroup><choice correct=\"true\">A</choice></choicegroup></multiplechoiceresponse></problem>";

    public static string UsageKey(string courseKey, string type, string id) =>
        $"block-v1:{courseKey["course-v1:".Length..]}+type@{type}+block@{id}";

    public static CourseContent Build(string courseKey, int chapters = 2, int sequentials = 2, int verticals = 2, string title = "Test Course",
        Func<ContentBlock, ContentBlock>? customize = null)
    {
        var blocks = new List<ContentBlock>();
        var chapterIds = new List<string>();
        for (var c = 0; c < chapters; c++)
        {
            var sequentialIds = new List<string>();
            for (var s = 0; s < sequentials; s++)
            {
                var verticalIds = new List<string>();
                for (var v = 0; v < verticals; v++)
                {
                    var problem = UsageKey(courseKey, "problem", $"p{c}_{s}_{v}");
                    var html = UsageKey(courseKey, "html", $"h{c}_{s}_{v}");
                    blocks.Add(new ContentBlock(problem, "problem", $"Problem {c}.{s}.{v}", Data: Problem));
                    blocks.Add(new ContentBlock(html, "html", $"Text {c}.{s}.{v}"));
                    var vertical = UsageKey(courseKey, "vertical", $"v{c}_{s}_{v}");
                    blocks.Add(new ContentBlock(vertical, "vertical", $"Unit {c}.{s}.{v}", [problem, html]));
                    verticalIds.Add(vertical);
                }

                var sequential = UsageKey(courseKey, "sequential", $"s{c}_{s}");
                blocks.Add(new ContentBlock(sequential, "sequential", $"Subsection {c}.{s}", verticalIds,
                    Graded: s == 0, Format: s == 0 ? "Homework" : null, Due: s == 0 ? new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) : null));
                sequentialIds.Add(sequential);
            }

            var chapter = UsageKey(courseKey, "chapter", $"c{c}");
            blocks.Add(new ContentBlock(chapter, "chapter", $"Section {c}", sequentialIds));
            chapterIds.Add(chapter);
        }

        blocks.Add(new ContentBlock(UsageKey(courseKey, "course", "course"), "course", title, chapterIds,
            Start: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), Course: new CourseSettings(Language: "en")));
        return new CourseContent(customize is null ? blocks : blocks.Select(customize).ToList());
    }
}
