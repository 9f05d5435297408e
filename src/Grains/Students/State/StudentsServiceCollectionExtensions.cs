using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;

namespace Actors.Grains.Students.State;

/// <summary>Registers what the learner grains need.</summary>
internal static class StudentsServiceCollectionExtensions
{
    public static IServiceCollection AddStudents(this IServiceCollection services)
    {
        services.AddOptions<StudentStateOptions>().BindConfiguration(StudentStateOptions.SectionName)
            .Validate(o => o.Validate() is null, "Actors:Students: FlushWindow, CommitWindow 0..1 s; MaxBatchSize, MaxRowsPerTransaction, MaxBlocksPerCall at least 1; MaxStateBytes at least 2.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StudentStateCommitter>();
        services.AddOptions<CrawlerPolicyOptions>().BindConfiguration(CrawlerPolicyOptions.SectionName)
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, "Actors:Crawlers:RefreshInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<CrawlerPolicy>();
        services.AddKeyedSingleton<IControllable>(CrawlerPolicy.ServiceKey, (sp, _) => sp.GetRequiredService<CrawlerPolicy>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CrawlerPolicy>());
        return services;
    }
}
