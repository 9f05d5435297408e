using System.Xml;
using System.Xml.Linq;

namespace Actors.Grains.Courses.Collect;

/// <summary>
/// A problem's maximum score, from its OLX: its <c>weight</c> when set; otherwise one point per response input — every
/// element whose name ends in <c>response</c> (<c>choiceresponse</c>, <c>multiplechoiceresponse</c>,
/// <c>optionresponse</c>, <c>stringresponse</c>, <c>numericalresponse</c>, <c>formularesponse</c>,
/// <c>customresponse</c>, ...). A problem with neither scores 0 and is not "scored".
/// </summary>
public static class ProblemScore
{
    /// <summary>The maximum score; throws <see cref="XmlException"/> when the problem's OLX is not well-formed XML.</summary>
    public static double MaxScore(string? data, double? weight)
    {
        if (weight is { } w)
            return w;
        if (string.IsNullOrWhiteSpace(data))
            return 0;
        var problem = XElement.Parse(data);
        return problem.DescendantsAndSelf().Count(e => e.Name.LocalName.EndsWith("response", StringComparison.Ordinal));
    }
}
