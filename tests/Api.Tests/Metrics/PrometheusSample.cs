using System.Globalization;
using System.Text;

namespace Actors.Api.Tests.Metrics;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",...} value</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The samples of a scrape; comment lines (<c># HELP</c>, <c># TYPE</c>) and blank lines are skipped.</summary>
    public static List<PrometheusSample> ParseAll(string text) =>
        text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(Parse).ToList();

    public bool Has(string label, string value) => Labels.TryGetValue(label, out var actual) && actual == value;

    private static PrometheusSample Parse(string line)
    {
        var nameEnd = line.IndexOfAny(['{', ' ']);
        var name = line[..nameEnd];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = nameEnd;
        if (line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var label = line[position..equals];
                position = equals + 2; // past =" 
                var value = new StringBuilder();
                for (; line[position] != '"'; position++)
                    value.Append(line[position] == '\\' ? Unescape(line[++position]) : line[position]);
                labels[label] = value.ToString();
                position++; // past the closing quote
                if (line[position] == ',')
                    position++;
            }

            position++; // past }
        }

        var number = line[(position + 1)..].Split(' ')[0];
        return new PrometheusSample(name, labels, number switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(number, CultureInfo.InvariantCulture),
        });
    }

    private static char Unescape(char escaped) => escaped == 'n' ? '\n' : escaped;
}
