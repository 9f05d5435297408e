using System.Text.Json.Serialization;

namespace Actors.Grains.Courses.Progress;

/// <summary>
/// A learner's progress in a course: the part of Open edX's progress tab (<c>GET /api/course_home/v1/progress/...</c>)
/// that scores make, with Open edX's field names, plus <see cref="CourseTotals"/> (ours).
/// </summary>
/// <param name="Username">The learner.</param>
/// <param name="EnrollmentMode">The learner's enrollment mode, or null when not enrolled (staff looking).</param>
/// <param name="HasScheduledContent">Whether some content has not started yet.</param>
/// <param name="SectionScores">Chapters in course order, each with its subsections.</param>
/// <param name="CourseTotals">Points over the whole course.</param>
public sealed record CourseProgress(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("enrollment_mode")] string? EnrollmentMode,
    [property: JsonPropertyName("has_scheduled_content")] bool HasScheduledContent,
    [property: JsonPropertyName("section_scores")] IReadOnlyList<SectionScores> SectionScores,
    [property: JsonPropertyName("course_totals")] CourseTotals CourseTotals);

/// <summary>A chapter of the progress tab.</summary>
/// <param name="DisplayName">The chapter's display name.</param>
/// <param name="Subsections">Its subsections (sequentials), in order.</param>
public sealed record SectionScores(
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("subsections")] IReadOnlyList<SubsectionScores> Subsections);

/// <summary>A subsection of the progress tab (Open edX's <c>SubsectionScoresSerializer</c>).</summary>
/// <param name="AssignmentType">Its format (Homework, Exam, ...), or null.</param>
/// <param name="BlockKey">The sequential's usage key.</param>
/// <param name="DisplayName">Its display name (without navigation's " (N Questions)").</param>
/// <param name="HasGradedAssignment">Whether it is graded.</param>
/// <param name="NumPointsEarned">Points earned on its graded blocks (0 when it is not graded, as Open edX's <c>graded_total</c>).</param>
/// <param name="NumPointsPossible">Points possible on its graded blocks.</param>
/// <param name="PercentGraded">Earned over possible, 0 when nothing is possible.</param>
/// <param name="ProblemScores">Every scored block beneath, in course order, graded or not.</param>
public sealed record SubsectionScores(
    [property: JsonPropertyName("assignment_type")] string? AssignmentType,
    [property: JsonPropertyName("block_key")] string BlockKey,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("has_graded_assignment")] bool HasGradedAssignment,
    [property: JsonPropertyName("num_points_earned")] double NumPointsEarned,
    [property: JsonPropertyName("num_points_possible")] double NumPointsPossible,
    [property: JsonPropertyName("percent_graded")] double PercentGraded,
    [property: JsonPropertyName("problem_scores")] IReadOnlyList<ProblemScores> ProblemScores)
{
    /// <summary>Open edX's content-gating flag; nothing is gated here.</summary>
    [JsonPropertyName("learner_has_access")]
    public bool LearnerHasAccess => true;

    /// <summary>Open edX's proctoring or grading override; there are none here.</summary>
    [JsonPropertyName("override")]
    public object? Override => null;

    /// <summary>Open edX's <c>show_correctness</c>: its default, <c>always</c>.</summary>
    [JsonPropertyName("show_correctness")]
    public string ShowCorrectness => "always";

    /// <summary>Whether grades are shown: always, with <see cref="ShowCorrectness"/> <c>always</c>.</summary>
    [JsonPropertyName("show_grades")]
    public bool ShowGrades => true;

    /// <summary>Open edX's jump-to link; null (the MFE then shows the subsection without a link).</summary>
    [JsonPropertyName("url")]
    public string? Url => null;
}

/// <summary>One scored block's points as shown (weighted).</summary>
/// <param name="Earned">Points earned (0 when not attempted).</param>
/// <param name="Possible">Points possible.</param>
public sealed record ProblemScores(
    [property: JsonPropertyName("earned")] double Earned,
    [property: JsonPropertyName("possible")] double Possible);

/// <summary>The course's points (not in Open edX's response, which gives a policy-weighted <c>course_grade</c> instead).</summary>
/// <param name="NumPointsEarned">Points earned on graded blocks (the sum of the subsections' <c>num_points_earned</c>).</param>
/// <param name="NumPointsPossible">Points possible on graded blocks.</param>
/// <param name="PercentGraded">Earned over possible on graded blocks, 0 when nothing is possible.</param>
/// <param name="AllPointsEarned">Points earned on every scored block, graded or not.</param>
/// <param name="AllPointsPossible">Points possible on every scored block.</param>
public sealed record CourseTotals(
    [property: JsonPropertyName("num_points_earned")] double NumPointsEarned,
    [property: JsonPropertyName("num_points_possible")] double NumPointsPossible,
    [property: JsonPropertyName("percent_graded")] double PercentGraded,
    [property: JsonPropertyName("all_points_earned")] double AllPointsEarned,
    [property: JsonPropertyName("all_points_possible")] double AllPointsPossible);
