using Actors.Bench.Catalog;

namespace Actors.Bench;

/// <summary>The catalog section of the report: a sync of 3,200 course runs at two page sizes.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddCatalog(IReadOnlyList<CatalogSyncMeasurement> results)
    {
        var body = _catalog.Body;
        body.AppendLine($"A catalog sync run of {CatalogSyncBenchmark.CourseRuns:N0} course runs (the production count of the seed) from a loopback");
        body.AppendLine($"course-discovery server (Kestrel, `tests/TestSupport/Catalog/DiscoveryServer.cs`) that adds {CatalogSyncBenchmark.PageDelay.TotalMilliseconds:N0} ms to every page,");
        body.AppendLine("through the product's discovery client (`IHttpClientFactory` + the standard resilience pipeline) and `CatalogSyncGrain`");
        body.AppendLine($"on an Orleans silo in the benchmark process (grain state in memory), with the {CatalogSyncBenchmark.CourseRuns:N0} courses published there, so");
        body.AppendLine("every row matches. *first*: every overview takes its catalog values (3,200 grain-state writes); *again*: the same");
        body.AppendLine("catalog once more (nothing differs, no writes). Time and applying time are the run's own (`duration_seconds`,");
        body.AppendLine("`apply_seconds` of `GET /admin/api/catalog/sync`); pages requested are the requests the catalog server received.");
        body.AppendLine("Page n+1 is fetched while page n is applied (`Catalog:PagesAhead` = 1). Target: pages = ⌈3200 / page size⌉ and");
        body.AppendLine("total time ≤ 1.2 × pages × 50 ms + 1 s.");
        body.AppendLine();
        body.AppendLine("| page size | run | pages requested | total s | applying s | matched | updated | target s | |");
        body.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            body.AppendLine($"| {r.PageSize} | {r.Kind} | {r.PagesRequested} (expected {r.ExpectedPages}) | {r.Run.Duration.TotalSeconds:N2} | " +
                            $"{r.Run.ApplyDuration.TotalSeconds:N2} | {r.Run.Matched:N0} | {r.Run.Updated:N0} | ≤ {r.Target.TotalSeconds:N2} | {Met(r.Met)} |");
        }

        body.AppendLine();
    }
}
