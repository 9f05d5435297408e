using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;

namespace Actors.Grains.Courses;

/// <summary>Registers what the course grains need.</summary>
internal static class CoursesSiloBuilderExtensions
{
    public static IServiceCollection AddCourses(this IServiceCollection services)
    {
        services.AddOptions<CourseOptions>().BindConfiguration("Actors:Courses")
            .Validate(o => o.ColdReadTimeout > TimeSpan.Zero && o.RebuildRetryDelay > TimeSpan.Zero && o.MaxRebuildRetryDelay >= o.RebuildRetryDelay,
                "Actors:Courses:ColdReadTimeout and RebuildRetryDelay must be positive, and MaxRebuildRetryDelay no smaller than RebuildRetryDelay.")
            .Validate(o => o.MaxBlocks > 0 && o.MaxDepth > 0, "Actors:Courses:MaxBlocks and MaxDepth must be positive.")
            .Validate(o => o.RebuildSettleTime >= TimeSpan.Zero && o.MaxRebuildSettleTime >= o.RebuildSettleTime,
                "Actors:Courses:RebuildSettleTime must be 0 or more, and MaxRebuildSettleTime no smaller.")
            .ValidateOnStart();
        services.TryAddSingleton<CourseRebuildTracker>();
        services.AddKeyedSingleton<IControllable>(CourseRebuildTracker.ServiceKey, (sp, _) => sp.GetRequiredService<CourseRebuildTracker>());
        return services;
    }
}
