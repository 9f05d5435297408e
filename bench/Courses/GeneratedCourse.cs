using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Grains.Courses.Content;

namespace Actors.Bench.Courses;

/// <summary>
/// Generated course content for the course benchmarks (the idea of tests/Grains.Tests/Courses/TestCourses.cs):
/// chapters of sequentials of verticals, each vertical holding a multiple-choice problem (realistic OLX, about 700
/// characters, with hints and a solution) and an html block; the first sequential of each chapter is graded. Extra html
/// blocks are added, one per vertical from the first, until the course has exactly <c>totalBlocks</c> blocks.
/// </summary>
internal static class GeneratedCourse
{
    /// <summary>A problem's OLX; {0} makes each problem's text its own.</summary>
    public const string Problem = """
        <problem>
          <multiplechoiceresponse>
            <label>Question {0}: which grain owns the published structure of a course?</label>
            <description>Pick the one actor that serves the navigation sidebar.</description>
            <choicegroup type="MultipleChoice">
              <choice correct="true">CourseGrain<choicehint>Yes: one grain per course owns its versions.</choicehint></choice>
              <choice correct="false">StudentModuleGrain<choicehint>No: that one holds a learner's state.</choicehint></choice>
              <choice correct="false">CatalogSyncGrain<choicehint>No: that one syncs marketing URLs.</choicehint></choice>
              <choice correct="false">None of them</choice>
            </choicegroup>
          </multiplechoiceresponse>
          <solution>
            <div class="detailed-solution"><p>Explanation</p><p>Each course is one CourseGrain, which collects once per version.</p></div>
          </solution>
        </problem>
        """;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string UsageKey(string courseKey, string type, string id) =>
        $"block-v1:{courseKey["course-v1:".Length..]}+type@{type}+block@{id}";

    /// <summary>The content; <paramref name="totalBlocks"/> (when set) must be at least the size of the plain tree.</summary>
    public static CourseContent Build(string courseKey, int chapters, int sequentials, int verticals, int? totalBlocks = null, string title = "Benchmark Course")
    {
        var plain = 1 + chapters + chapters * sequentials + chapters * sequentials * verticals * 3;
        var extra = (totalBlocks ?? plain) - plain;
        if (extra < 0)
            throw new ArgumentOutOfRangeException(nameof(totalBlocks), $"The tree alone has {plain} blocks.");

        var blocks = new List<ContentBlock>(plain + extra);
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
                    blocks.Add(new ContentBlock(problem, "problem", $"Problem {c}.{s}.{v}", Data: string.Format(CultureInfo.InvariantCulture, Problem, $"{c}.{s}.{v}")));
                    blocks.Add(new ContentBlock(html, "html", $"Reading {c}.{s}.{v}"));
                    List<string> children = [problem, html];
                    if (extra > 0)
                    {
                        var more = UsageKey(courseKey, "html", $"x{c}_{s}_{v}");
                        blocks.Add(new ContentBlock(more, "html", $"More reading {c}.{s}.{v}"));
                        children.Add(more);
                        extra--;
                    }

                    var vertical = UsageKey(courseKey, "vertical", $"v{c}_{s}_{v}");
                    blocks.Add(new ContentBlock(vertical, "vertical", $"Unit {c}.{s}.{v}", children));
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

        if (extra > 0)
            throw new ArgumentOutOfRangeException(nameof(totalBlocks), "At most one extra block per vertical.");
        blocks.Add(new ContentBlock(UsageKey(courseKey, "course", "course"), "course", title, chapterIds,
            Start: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), Course: new CourseSettings(Language: "en", SelfPaced: true)));
        return new CourseContent(blocks);
    }

    /// <summary>The content as the JSON body of <c>POST /api/courses/v1/{course_key}/publish</c>.</summary>
    public static byte[] ToJson(CourseContent content) => JsonSerializer.SerializeToUtf8Bytes(content, Json);
}
