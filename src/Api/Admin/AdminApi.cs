using System.ComponentModel.DataAnnotations;
using Actors.Api.Auth;
using Actors.Grains.Courses;
using Actors.Grains.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Api.Admin;

/// <summary>
/// <c>/admin/api</c>: what the cluster is doing, for operators. Every endpoint needs the <c>administrator</c> claim.
/// Answers come from Orleans' management grain, which asks every silo: membership and runtime statistics, and — through
/// its provider commands — our per-silo grain call statistics and course rebuild trackers; the catalog sync
/// (<see cref="CatalogSyncApi"/>) and crawler settings come from their site grains.
/// </summary>
internal static class AdminApi
{
    public const int DefaultTop = 100;
    public const int MaxTop = 1000;

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin/api").WithTags("Admin").RequireAuthorization(ApiPolicies.Administrator);
        group.MapGet("/silos", GetSilosAsync);
        group.MapGet("/grains", GetGrainsAsync);
        group.MapPost("/grains/collect", CollectAsync);
        group.MapGet("/courses/rebuilds", GetCourseRebuildsAsync);
        group.MapCrawlers();
        group.MapCatalogSync();
        return group;
    }

    /// <summary>Every silo in the membership table (dead ones too, until Orleans removes them), with the activations and
    /// runtime statistics of those that are active.</summary>
    private static async Task<Ok<IReadOnlyList<SiloSummary>>> GetSilosAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var management = Management(grains);
        var hosts = await management.GetDetailedHosts(onlyActive: false).WaitAsync(cancellationToken);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active).WaitAsync(cancellationToken);
        var grainCounts = active.Length == 0 ? [] : await management.GetSimpleGrainStatistics(active).WaitAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SiloSummary>>(hosts
            .OrderBy(h => h.SiloName, StringComparer.Ordinal)
            .Select(h => SiloSummary.From(h, Array.IndexOf(active, h.SiloAddress) is var i and >= 0 ? statistics[i] : null, grainCounts))
            .ToList());
    }

    /// <summary>The busiest grain methods over all silos, most calls first, optionally of one grain type.</summary>
    private static async Task<Ok<IReadOnlyList<GrainMethodStatistics>>> GetGrainsAsync(
        IGrainFactory grains,
        CancellationToken cancellationToken,
        [Range(1, MaxTop)] int top = DefaultTop,
        string? type = null)
    {
        var silos = await Management(grains)
            .SendControlCommandToProvider<GrainCallStatistics>(GrainCallStatistics.ServiceKey, GrainCallStatistics.SnapshotCommand)
            .WaitAsync(cancellationToken);
        return TypedResults.Ok(TopMethods(silos.OfType<SiloCallStatistics>(), top, type));
    }

    /// <summary>Deactivates every idle activation now (normally idle ones go after Orleans' collection age); answers
    /// how many fewer activations the cluster has afterwards.</summary>
    private static async Task<Ok<CollectionResult>> CollectAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var management = Management(grains);
        var before = await management.GetTotalActivationCount().WaitAsync(cancellationToken);
        await management.ForceActivationCollection(TimeSpan.Zero).WaitAsync(cancellationToken);
        var after = await management.GetTotalActivationCount().WaitAsync(cancellationToken);
        return TypedResults.Ok(new CollectionResult(Math.Max(0, before - after)));
    }

    /// <summary>The rebuild status of every course active anywhere in the cluster, by course key.</summary>
    private static async Task<Ok<IReadOnlyList<CourseRebuildStatus>>> GetCourseRebuildsAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var silos = await Management(grains)
            .SendControlCommandToProvider<CourseRebuildTracker>(CourseRebuildTracker.ServiceKey, CourseRebuildTracker.SnapshotCommand)
            .WaitAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CourseRebuildStatus>>(silos.OfType<IReadOnlyList<CourseRebuildStatus>>()
            .SelectMany(courses => courses)
            .OrderBy(course => course.CourseKey, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>Flattens per-silo method statistics, keeps those of <paramref name="grainType"/> (any, if null;
    /// case-insensitive) and returns the <paramref name="top"/> with most calls; ties in name order.</summary>
    internal static IReadOnlyList<GrainMethodStatistics> TopMethods(IEnumerable<SiloCallStatistics> silos, int top, string? grainType) =>
        silos.SelectMany(silo => silo.Methods.Select(method => GrainMethodStatistics.From(silo.SiloName, method)))
            .Where(method => grainType is null || string.Equals(method.GrainType, grainType, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(method => method.Calls)
            .ThenBy(method => method.GrainType, StringComparer.Ordinal)
            .ThenBy(method => method.Interface, StringComparer.Ordinal)
            .ThenBy(method => method.Method, StringComparer.Ordinal)
            .ThenBy(method => method.Silo, StringComparer.Ordinal)
            .Take(top)
            .ToList();

    private static IManagementGrain Management(IGrainFactory grains) => grains.GetGrain<IManagementGrain>(0);
}
