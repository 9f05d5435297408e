using System.Net.Http.Json;

namespace Actors.Bench.Courses;

/// <summary>Grain calls one navigation request makes, per method, from the API's own grain call statistics.</summary>
/// <param name="Method">Grain type and method (<c>course.GetStructureIfChangedAsync</c>).</param>
/// <param name="PerRequest">Calls per request.</param>
internal sealed record GrainCallCount(string Method, double PerRequest);

/// <summary>
/// Counts the grain calls behind navigation requests: the API's <c>GET /admin/api/grains</c> (the silo's per-method call
/// statistics) read before and after <see cref="Requests"/> requests sent one at a time, the difference divided by
/// the requests.
/// </summary>
internal static class GrainCallsPerRequest
{
    public const int Requests = 200;

    public static async Task<List<GrainCallCount>> CountAsync(HttpClient admin, HttpClient caller, string path)
    {
        var before = await SnapshotAsync(admin);
        for (var i = 0; i < Requests; i++)
        {
            using var response = await caller.GetAsync(path);
            response.EnsureSuccessStatusCode();
        }

        var after = await SnapshotAsync(admin);
        return after.Select(method => new GrainCallCount(method.Key, (method.Value - before.GetValueOrDefault(method.Key)) / (double)Requests))
            .Where(count => count.PerRequest > 0).OrderByDescending(count => count.PerRequest).ToList();
    }

    private static async Task<Dictionary<string, long>> SnapshotAsync(HttpClient admin)
    {
        var rows = await admin.GetFromJsonAsync<List<MethodRow>>("/admin/api/grains?top=100") ?? [];
        return rows.GroupBy(r => $"{r.GrainType}.{r.Method}").ToDictionary(g => g.Key, g => g.Sum(r => r.Calls));
    }

    private sealed record MethodRow(string GrainType, string Method, long Calls);
}
