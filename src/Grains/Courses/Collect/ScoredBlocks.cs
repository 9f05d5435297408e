using System.Globalization;
using System.Xml.Linq;
using Actors.Grains.Courses.Content;

namespace Actors.Grains.Courses.Collect;

/// <summary>
/// Which blocks have a score, as Open edX decides it (an XBlock's <c>has_score</c>), and how many points each is worth.
/// Both progress and navigation's " (N Questions)" count use this one rule.
/// <list type="bullet">
/// <item>Always scored (<c>has_score = True</c> on the XBlock class): <c>problem</c> (capa), <c>openassessment</c> (ORA),
/// <c>drag-and-drop-v2</c>, <c>staffgradedxblock</c>, <c>edx_sga</c> and <c>done</c>.</item>
/// <item>Scored when the content says <c>has_score</c> true (a field there, default false): <c>lti</c>,
/// <c>lti_consumer</c>, and any other block type (an XBlock this list does not know).</item>
/// </list>
/// Raw points possible (the block's <c>max_score()</c>), when the content does not say otherwise with <c>points</c>:
/// a problem one per response input (<see cref="ProblemScore"/>); an ORA the sum over its rubric's criteria of the
/// highest option's points (10 without a rubric: Studio's new-ORA rubric, Ideas 0/3/5 plus Content 0/1/3/5);
/// <c>edx_sga</c> 100 (its <c>points</c> default); every other scored block 1. Points shown are weighted as Open edX's
/// <c>weighted_score</c> does: a block's <c>weight</c>, when set and the raw possible is above 0, replaces the raw
/// possible and scales the earned points. A scored block with <c>weight</c> 0 counts nowhere (Open edX's
/// <c>has_score and weight &gt; 0</c>).
/// </summary>
public static class ScoredBlocks
{
    /// <summary>Block types whose XBlock always has a score.</summary>
    public static readonly IReadOnlySet<string> AlwaysScoredTypes =
        new HashSet<string>(["problem", "openassessment", "drag-and-drop-v2", "staffgradedxblock", "edx_sga", "done"], StringComparer.Ordinal);

    /// <summary>Block types that can have a score, so the learner's state of them carries <c>grade</c>/<c>max_grade</c>:
    /// the <see cref="AlwaysScoredTypes"/> and the LTI types.</summary>
    public static readonly IReadOnlySet<string> ScoreCarryingTypes =
        new HashSet<string>([.. AlwaysScoredTypes, "lti", "lti_consumer"], StringComparer.Ordinal);

    /// <summary>Scored, but never counted in navigation's " (N Questions)" (Open edX's <c>is_countable</c>).</summary>
    private static readonly HashSet<string> UncountedTypes = ["lti", "lti_consumer"];

    /// <summary>The rubric Studio gives a new ORA: Ideas (0, 3, 5) and Content (0, 1, 3, 5).</summary>
    private const double DefaultRubricPoints = 10;

    /// <summary>The points <c>edx_sga</c> is worth when its <c>points</c> is not set.</summary>
    private const double DefaultStaffGradedAssignmentPoints = 100;

    /// <summary>Whether a learner's score of a block of <paramref name="type"/> is stored with its state.</summary>
    public static bool CarriesScore(string type) => ScoreCarryingTypes.Contains(type);

    /// <summary>Whether <paramref name="block"/> has a score (Open edX: <c>has_score</c> and a weight that is not 0).</summary>
    public static bool IsScored(ContentBlock block) =>
        (AlwaysScoredTypes.Contains(block.Type) || block.HasScore == true) && block.Weight is not 0;

    /// <summary>Whether a graded <paramref name="block"/> counts as one of navigation's questions.</summary>
    public static bool IsCountedQuestion(ContentBlock block) => IsScored(block) && !UncountedTypes.Contains(block.Type);

    /// <summary>Raw points possible of a scored block: <c>points</c> when set, else as the type decides. Throws
    /// <see cref="System.Xml.XmlException"/> when a problem's or ORA's OLX is not well-formed.</summary>
    public static double RawPossible(ContentBlock block) => block.Points ?? block.Type switch
    {
        "problem" => ProblemScore.ResponseCount(block.Data),
        "openassessment" => RubricPoints(block.Data),
        "edx_sga" => DefaultStaffGradedAssignmentPoints,
        _ => 1,
    };

    /// <summary>Points possible as shown (weighted): <paramref name="weight"/> when set and <paramref name="rawPossible"/>
    /// is above 0, else <paramref name="rawPossible"/>.</summary>
    public static double WeightedPossible(double rawPossible, double? weight) =>
        weight is { } w && rawPossible > 0 ? w : rawPossible;

    /// <summary>A learner's (earned, possible) as shown, from their raw <paramref name="grade"/> out of
    /// <paramref name="maxGrade"/> and the block's <paramref name="weight"/> (Open edX's <c>weighted_score</c>).</summary>
    public static (double Earned, double Possible) Weighted(double grade, double maxGrade, double? weight) =>
        weight is { } w && maxGrade > 0 ? (grade * w / maxGrade, w) : (grade, maxGrade);

    private static double RubricPoints(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
            return DefaultRubricPoints;
        var rubric = XElement.Parse(data).DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "rubric");
        if (rubric is null)
            return DefaultRubricPoints;
        return rubric.Elements().Where(e => e.Name.LocalName == "criterion")
            .Sum(criterion => criterion.Elements().Where(e => e.Name.LocalName == "option")
                .Select(o => double.TryParse((string?)o.Attribute("points"), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 ? p : 0)
                .DefaultIfEmpty(0).Max());
    }
}
