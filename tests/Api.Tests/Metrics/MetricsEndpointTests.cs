using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Actors.Api.Metrics;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Metrics;

/// <summary><c>/metrics</c> over real HTTP against the in-memory API host: the format, the meters it exports and the
/// values they carry after the actions that record them.</summary>
[Collection(nameof(MetricsCollection))]
public sealed class MetricsEndpointTests
{
    /// <summary>The account endpoint's route template, as its <c>http_route</c> label starts (the group adds a trailing slash).</summary>
    private const string AccountRoute = "/api/user/v1/accounts/{username}";

    [Fact]
    public async Task Metrics_WithoutToken_AnswersPrometheusText()
    {
        await using var app = NewApp();

        var response = await app.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("text/plain", contentType.MediaType);
        Assert.Contains(contentType.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE ", text);
        Assert.NotEmpty(PrometheusSample.ParseAll(text));
    }

    [Fact]
    public async Task Metrics_AfterApiRequest_CountsItInTheRequestDurationHistogram()
    {
        await using var app = NewApp();
        var account = await app.CreateLearnerClient("alice").GetAsync("/api/user/v1/accounts/alice");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);

        bool IsAccountRequest(PrometheusSample s) =>
            IsAccountRoute(s) && s.Has("http_request_method", "GET") && s.Has("http_response_status_code", "200");

        var samples = await ScrapeOnceRecordedAsync(app, s => s.Name == "http_server_request_duration_seconds_count" && IsAccountRequest(s));

        Assert.Equal(1, Assert.Single(samples, s => s.Name == "http_server_request_duration_seconds_count" && IsAccountRequest(s)).Value);
        Assert.Equal(1, Assert.Single(samples, s => s.Name == "http_server_request_duration_seconds_bucket" && IsAccountRequest(s) && s.Has("le", "+Inf")).Value);
    }

    [Fact]
    public async Task Metrics_AfterGrainCall_ExportsTheGrainCallCounterWithItsValue_AndOrleansMeters()
    {
        await using var app = NewApp();
        var crawlers = await app.CreateAdministratorClient().GetAsync("/admin/api/crawlers");
        Assert.Equal(HttpStatusCode.OK, crawlers.StatusCode);

        var samples = await ScrapeAsync(app);

        var calls = Assert.Single(samples, s => s.Name == "actors_grain_calls_total" && IsCrawlersConfigRead(s));
        Assert.Equal(1, calls.Value);
        Assert.EndsWith("ICrawlersConfigGrain", calls.Labels["interface"], StringComparison.Ordinal);
        Assert.Contains(samples, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal)); // Orleans' own meter
    }

    [Fact]
    public async Task Metrics_SecondsHistogramWithoutAdvice_GetsSecondsBuckets()
    {
        await using var app = NewApp();
        var crawlers = await app.CreateAdministratorClient().GetAsync("/admin/api/crawlers");
        Assert.Equal(HttpStatusCode.OK, crawlers.StatusCode);

        var samples = await ScrapeAsync(app);

        var bounds = samples.Where(s => s.Name == "actors_grain_call_duration_seconds_bucket" && IsCrawlersConfigRead(s)).Select(s => s.Labels["le"]).ToList();
        Assert.Equal([.. MetricStreams.SecondsBuckets.Select(b => b.ToString(CultureInfo.InvariantCulture)), "+Inf"], bounds);
        Assert.Equal(1, Assert.Single(samples, s => s.Name == "actors_grain_call_duration_seconds_count" && IsCrawlersConfigRead(s)).Value);
    }

    [Fact]
    public async Task Metrics_MeterNotListed_IsNotExported()
    {
        await using var app = NewApp(new() { ["Api:Metrics:Meters:0"] = "Actors.Tests.Listed" });
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        meters.Create("Actors.Tests.Listed").CreateCounter<long>("actors.tests.listed").Add(3);
        meters.Create("Actors.Tests.Unlisted").CreateCounter<long>("actors.tests.unlisted").Add(3);
        var account = await app.CreateLearnerClient("alice").GetAsync("/api/user/v1/accounts/alice");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);

        var samples = await ScrapeOnceRecordedAsync(app, s => s.Name == "http_server_request_duration_seconds_count" && IsAccountRoute(s));

        Assert.Equal(3, Assert.Single(samples, s => s.Name == "actors_tests_listed_total").Value);
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count" && IsAccountRoute(s));
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("actors_tests_unlisted", StringComparison.Ordinal));
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("aspnetcore_routing_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_MoreTagSetsThanTheLimit_AddsTheRestIntoTheOverflowSeries()
    {
        await using var app = NewApp(new() { ["Api:Metrics:MaxSeriesPerInstrument"] = "3" });
        var counter = app.Services.GetRequiredService<IMeterFactory>().Create("Actors.Api").CreateCounter<long>("actors.tests.tagged");
        for (var id = 0; id < 10; id++)
            counter.Add(1, new KeyValuePair<string, object?>("id", id));

        var samples = (await ScrapeAsync(app)).Where(s => s.Name == "actors_tests_tagged_total").ToList();

        Assert.Single(samples, s => s.Has("otel_metric_overflow", "true"));
        Assert.InRange(samples.Count(s => s.Labels.ContainsKey("id")), 1, 3);
        Assert.Equal(10, samples.Sum(s => s.Value));
    }

    /// <summary>A host whose every scrape collects afresh (no scrape cache), with <paramref name="settings"/>.</summary>
    private static ApiApplication NewApp(Dictionary<string, string>? settings = null)
    {
        settings ??= [];
        settings["Api:Metrics:ScrapeCacheDuration"] = "00:00:00";
        return new ApiApplication(settings: settings);
    }

    private static bool IsAccountRoute(PrometheusSample sample) =>
        sample.Labels.TryGetValue("http_route", out var route) && route.StartsWith(AccountRoute, StringComparison.Ordinal);

    private static bool IsCrawlersConfigRead(PrometheusSample sample) =>
        sample.Has("grain_type", "crawlersconfig") && sample.Has("method", "GetAsync");

    /// <summary>Scrapes until a sample matches <paramref name="recorded"/> (for at most 10 s), then returns that scrape.
    /// ASP.NET Core records a request's duration as it disposes the request, which the in-memory server may do just
    /// after the client has read the response.</summary>
    private static async Task<List<PrometheusSample>> ScrapeOnceRecordedAsync(ApiApplication app, Func<PrometheusSample, bool> recorded)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var samples = await ScrapeAsync(app);
            if (samples.Any(recorded) || DateTime.UtcNow > deadline)
                return samples;
            await Task.Delay(20);
        }
    }

    private static async Task<List<PrometheusSample>> ScrapeAsync(ApiApplication app)
    {
        var response = await app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusSample.ParseAll(await response.Content.ReadAsStringAsync());
    }
}
