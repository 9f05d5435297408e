using System.ComponentModel.DataAnnotations;
using Actors.Api.Auth;
using Actors.Runtime;
using Actors.Runtime.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Api.Admin;

/// <summary>
/// <c>/admin/api</c>: what the cluster is doing, for the dashboard and for operators. Every endpoint needs the
/// <c>administrator</c> claim. Answers come from the management grain, which asks every silo.
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
        group.MapCrawlers();
        return group;
    }

    /// <summary>Every silo's statistics: activations per type, reminders, per-method calls, CPU and memory.</summary>
    private static async Task<Ok<IReadOnlyList<SiloStatistics>>> GetSilosAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Management(grains).GetSiloStatisticsAsync(cancellationToken));

    /// <summary>The busiest grain methods over all silos, most calls first, optionally of one grain type.</summary>
    private static async Task<Ok<IReadOnlyList<GrainMethodStatistics>>> GetGrainsAsync(
        IGrainFactory grains,
        CancellationToken cancellationToken,
        [Range(1, MaxTop)] int top = DefaultTop,
        string? type = null)
    {
        var silos = await Management(grains).GetSiloStatisticsAsync(cancellationToken);
        return TypedResults.Ok(TopMethods(silos, top, type));
    }

    /// <summary>Deactivates every idle activation now (normally idle ones go after <c>Actors:GrainCollection:CollectionAge</c>).</summary>
    private static async Task<Ok<CollectionResult>> CollectAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CollectionResult(await Management(grains).ForceActivationCollectionAsync(cancellationToken)));

    /// <summary>Flattens per-silo method statistics, keeps those of <paramref name="grainType"/> (any, if null;
    /// case-insensitive) and returns the <paramref name="top"/> with most calls; ties in name order.</summary>
    internal static IReadOnlyList<GrainMethodStatistics> TopMethods(IEnumerable<SiloStatistics> silos, int top, string? grainType) =>
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
