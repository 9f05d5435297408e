using Actors.Grains.Courses;
using Actors.Grains.Students;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Configuration;
using Orleans.Serialization.TypeSystem;

namespace Actors.Grains.Diagnostics;

/// <summary>
/// Lets the management grain's control commands for our per-silo services (<see cref="GrainCallStatistics"/>,
/// <see cref="CourseRebuildTracker"/>, <see cref="CrawlerPolicy"/>) cross processes. The command's invokable is generic
/// over the service type, which has no serializer of its own, and Orleans refuses to serialize a type it was not told
/// about ("Type … is not allowed"), so neither the API as a cluster client nor another silo could reach them. Every silo
/// allows them where it registers those services (<c>AddOpenEdxGrains</c>), every client in <c>UseActorsCluster</c>.
/// </summary>
public static class ControlCommandTypes
{
    /// <summary>Allows the service types in Orleans' type manifest of the process <paramref name="services"/> builds.</summary>
    public static IServiceCollection AllowControlCommandTypes(this IServiceCollection services) =>
        services.Configure<TypeManifestOptions>(options =>
        {
            options.AllowedTypes.Add(RuntimeTypeNameFormatter.Format(typeof(GrainCallStatistics)));
            options.AllowedTypes.Add(RuntimeTypeNameFormatter.Format(typeof(CourseRebuildTracker)));
            options.AllowedTypes.Add(RuntimeTypeNameFormatter.Format(typeof(CrawlerPolicy)));
        });
}
