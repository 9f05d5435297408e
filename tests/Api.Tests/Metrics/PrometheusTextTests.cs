using Actors.Api.Metrics;

namespace Actors.Api.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("actors.grain.calls", "actors_grain_calls")]
    [InlineData("http.server.request.duration", "http_server_request_duration")]
    [InlineData("kestrel-connections", "kestrel_connections")]
    [InlineData("2xx", "_2xx")]
    [InlineData("job:rate", "job:rate")]
    public void Name_InstrumentName_BecomesAPrometheusName(string name, string expected) =>
        Assert.Equal(expected, PrometheusText.Name(name));

    [Fact]
    public void Name_LabelWithColon_ReplacesColon() =>
        Assert.Equal("a_b", PrometheusText.Name("a:b", allowColon: false));

    [Fact]
    public void LabelValue_SpecialCharacters_AreEscaped() =>
        Assert.Equal(@"a\\b\""c\nd", PrometheusText.LabelValue("a\\b\"c\nd"));

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.25, "0.25")]
    [InlineData(3.0, "3")]
    public void Number_Value_UsesPrometheusSpelling(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.Number(value));

    [Fact]
    public void Labels_NoTags_IsEmpty() => Assert.Equal("", PrometheusText.Labels([]));

    [Fact]
    public void Labels_Tags_SortedByNameWithInvariantValues() =>
        Assert.Equal("a=\"1.5\",b_c=\"x\"", PrometheusText.Labels([new("b.c", "x"), new("a", 1.5)]));
}
