using System.Diagnostics;
using Actors.Grains.Catalog;
using Actors.Grains.Courses;
using Actors.Grains.Courses.Content;
using Actors.Grains.Keys;
using Actors.TestSupport.Catalog;

namespace Actors.Bench.Catalog;

/// <summary>One measured run: the page size, pages requested, the run's own figures and the wall time seen by the caller.</summary>
internal sealed record CatalogSyncMeasurement(int PageSize, string Kind, int PagesRequested, CatalogSyncRun Run, TimeSpan WallTime)
{
    /// <summary>The target: ≤ 1.2 × pages × the per-page delay + 1 s.</summary>
    public TimeSpan Target => TimeSpan.FromMilliseconds(1.2 * PagesRequested * CatalogSyncBenchmark.PageDelay.TotalMilliseconds + 1000);

    public int ExpectedPages => (CatalogSyncBenchmark.CourseRuns + PageSize - 1) / PageSize;

    public bool Met => PagesRequested == ExpectedPages && Run.State == CatalogSyncRunState.Succeeded && Run.Duration <= Target;
}

/// <summary>
/// The catalog sync of 3,200 course runs (the production count of the seed) from a loopback course-discovery server that
/// adds 50 ms to every page, at page sizes 20 and 100, with the 3,200 courses published on the silo so every row matches.
/// Per page size: a silo in this process (grain state in memory, the product's grains and options), the courses published,
/// then a first run (every overview gets its values: 3,200 writes) and a second (nothing differs: no writes), each
/// started through <see cref="ICatalogSyncGrain.StartAsync"/> and timed by the run itself.
/// </summary>
internal static class CatalogSyncBenchmark
{
    public const int CourseRuns = 3200;
    public static readonly TimeSpan PageDelay = TimeSpan.FromMilliseconds(50);
    private static readonly int[] PageSizes = [20, 100];

    public static async Task<IReadOnlyList<CatalogSyncMeasurement>> RunAsync()
    {
        await using var discovery = await DiscoveryServer.StartAsync();
        discovery.PageDelay = PageDelay;
        var keys = Enumerable.Range(0, CourseRuns).Select(i => $"course-v1:BenchX+Catalog{i:0000}+2026").ToArray();
        discovery.SetCatalog(keys.Select((key, i) => new Dictionary<string, object?>
        {
            ["key"] = key,
            ["title"] = $"Course {i}",
            ["marketing_url"] = $"https://marketing.example.org/course/catalog-{i}",
            ["eligible_for_financial_aid"] = i % 3 != 0,
            ["content_language"] = "en-us",
        }));

        var results = new List<CatalogSyncMeasurement>();
        foreach (var pageSize in PageSizes)
        {
            await using var silo = await InProcessSilo.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Catalog:ApiUrl"] = discovery.ApiUrl.ToString(),
                ["Catalog:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Catalog:FirstSyncDelay"] = "01:00:00",
            }, configureSilo: s => s.UseInMemoryReminderService());
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (key, _) => await silo.Grains.GetGrain<ICourseGrain>(key).PublishAsync(Content(key)));
            Console.WriteLine($"  page size {pageSize}: published {keys.Length:N0} courses in {clock.Elapsed.TotalSeconds:N1} s");

            foreach (var kind in new[] { "first (3,200 writes)", "again (no writes)" })
            {
                discovery.ClearRequests();
                var sync = silo.Grains.GetGrain<ICatalogSyncGrain>(CatalogSites.Default);
                clock.Restart();
                var start = await sync.StartAsync();
                var run = await WaitAsync(sync, start.Run!.Id);
                var measurement = new CatalogSyncMeasurement(pageSize, kind, discovery.Requests.Count, run, clock.Elapsed);
                results.Add(measurement);
                Console.WriteLine($"  page size {pageSize}, {kind}: {measurement.PagesRequested} pages, {run.Duration.TotalSeconds:N2} s " +
                                  $"(applying {run.ApplyDuration.TotalSeconds:N2} s), matched {run.Matched:N0}, updated {run.Updated:N0}; " +
                                  $"target ≤ {measurement.Target.TotalSeconds:N2} s: {(measurement.Met ? "met" : "not met")}");
            }
        }

        return results;
    }

    private static async Task<CatalogSyncRun> WaitAsync(ICatalogSyncGrain sync, long id)
    {
        while (true)
        {
            var status = await sync.GetStatusAsync();
            if (status.RecentRuns.FirstOrDefault(r => r.Id == id) is { State: not CatalogSyncRunState.Running } run)
                return run;
            await Task.Delay(5);
        }
    }

    private static CourseContent Content(string courseKey)
    {
        var key = CourseKey.Parse(courseKey);
        string Usage(string type, string id) => key.MakeUsageKey(type, id).ToString();
        return new CourseContent(
        [
            new ContentBlock(Usage("course", "course"), "course", "Catalog benchmark course", [Usage("chapter", "c")], Course: new CourseSettings(Language: "en")),
            new ContentBlock(Usage("chapter", "c"), "chapter", "Section", [Usage("html", "h")]),
            new ContentBlock(Usage("html", "h"), "html", "Text"),
        ]);
    }
}
