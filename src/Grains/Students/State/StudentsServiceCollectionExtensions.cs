using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Students.State;

/// <summary>Registers what the learner grains need.</summary>
internal static class StudentsServiceCollectionExtensions
{
    public static IServiceCollection AddStudents(this IServiceCollection services)
    {
        services.AddOptions<StudentStateOptions>().BindConfiguration(StudentStateOptions.SectionName)
            .Validate(o => o.Validate() is null, "Actors:Students: FlushWindow 0..1 s; MaxBatchSize, MaxBlocksPerCall at least 1; MaxStateBytes at least 2.")
            .ValidateOnStart();
        return services;
    }
}
