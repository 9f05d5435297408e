using System.Xml;
using System.Xml.Linq;

namespace Actors.Grains.Courses.Collect;

/// <summary>
/// A problem's maximum score, from its OLX: one raw point per response input — every element whose name ends in
/// <c>response</c> (<c>choiceresponse</c>, <c>multiplechoiceresponse</c>, <c>optionresponse</c>, <c>stringresponse</c>,
/// <c>numericalresponse</c>, <c>formularesponse</c>, <c>customresponse</c>, ...) — shown as its <c>weight</c> when that
/// is set and there is at least one input (<see cref="ScoredBlocks.WeightedPossible"/>).
/// </summary>
public static class ProblemScore
{
    /// <summary>The maximum score as shown (weighted); throws <see cref="XmlException"/> when the OLX is not well-formed XML.</summary>
    public static double MaxScore(string? data, double? weight) => ScoredBlocks.WeightedPossible(ResponseCount(data), weight);

    /// <summary>The raw maximum score: the number of response inputs (0 without OLX).</summary>
    public static double ResponseCount(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
            return 0;
        var problem = XElement.Parse(data);
        return problem.DescendantsAndSelf().Count(e => e.Name.LocalName.EndsWith("response", StringComparison.Ordinal));
    }
}
