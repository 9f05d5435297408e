using System.Globalization;
using System.Text.Json;
using Actors.Grains.Courses.Collect;
using Actors.Grains.Students;

namespace Actors.Grains.Courses.Navigation;

/// <summary>
/// Writes Open edX's navigation response (<c>GET /api/course_home/v1/navigation/{course_key}</c>, openedx.md §a.2):
/// <c>{"blocks": {...}}</c>, a flat map of the course, its chapters, their sequentials and those sequentials' verticals
/// (whose <c>children</c> are always empty), from a collected structure and one learner's completion. Learners do not
/// see staff-only blocks or blocks that have not started; staff see everything.
/// </summary>
public static class NavigationWriter
{
    private const int VerticalDepth = 3;

    /// <summary>Writes the navigation of <paramref name="course"/> for a learner (or staff) with <paramref name="completion"/>.</summary>
    public static void Write(Utf8JsonWriter json, CollectedCourse course, CourseCompletion? completion, bool isStaff, DateTimeOffset now)
    {
        bool IsVisible(CollectedBlock block) => isStaff || (!block.VisibleToStaffOnly && (block.Start is null || block.Start <= now));

        var rollup = CompletionRollup.Compute(course, completion, IsVisible);
        json.WriteStartObject();
        json.WriteStartObject("blocks");
        WriteTree(json, course, course.Root, rollup, IsVisible, course.LatestStart > now);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The body a user who may not see the course gets: <c>{}</c>.</summary>
    public static void WriteEmpty(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteEndObject();
    }

    private static void WriteTree(Utf8JsonWriter json, CollectedCourse course, CollectedBlock block, CompletionRollup rollup,
        Func<CollectedBlock, bool> isVisible, bool hasScheduledContent)
    {
        var children = block.Depth >= VerticalDepth
            ? []
            : block.Children.Select(id => course.Blocks[id]).Where(isVisible).ToList();
        WriteBlock(json, block, children, rollup, hasScheduledContent);
        foreach (var child in children)
            WriteTree(json, course, child, rollup, isVisible, hasScheduledContent);
    }

    private static void WriteBlock(Utf8JsonWriter json, CollectedBlock block, List<CollectedBlock> children, CompletionRollup rollup, bool hasScheduledContent)
    {
        json.WriteStartObject(block.Id);
        json.WriteString("id", block.Id);
        json.WriteString("type", block.Type);
        json.WriteString("display_name", block.DisplayName);
        json.WriteStartArray("children");
        foreach (var child in children)
            json.WriteStringValue(child.Id);
        json.WriteEndArray();

        var (completion, completable) = rollup.StatOf(block.Id);
        json.WriteBoolean("complete", rollup.IsComplete(block.Id));
        json.WriteStartObject("completion_stat");
        json.WriteNumber("completion", completion);
        json.WriteNumber("completable_children", completable);
        json.WriteEndObject();

        WriteStringOrNull(json, "description", block.Format);
        WriteStringOrNull(json, "due", block.Due?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteNull("effort_activities");
        json.WriteNull("effort_time");
        WriteStringOrNull(json, "icon", block.Icon);
        json.WriteNull("lms_web_url");
        json.WriteBoolean("resume_block", rollup.IsResumeBlock(block.Id));
        if (block.Depth == 0)
            json.WriteBoolean("has_scheduled_content", hasScheduledContent);
        else
            json.WriteNull("has_scheduled_content");
        json.WriteBoolean("hide_from_toc", block.HideFromToc);
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
