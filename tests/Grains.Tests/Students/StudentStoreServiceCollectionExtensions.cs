using Actors.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Students;

internal static class StudentStoreServiceCollectionExtensions
{
    /// <summary>Makes the silo use <paramref name="store"/> (registered before <c>AddOpenEdxGrains</c>, whose own
    /// registration then steps aside).</summary>
    public static IServiceCollection AddStudentStore(this IServiceCollection services, IStudentStore store) =>
        services.AddSingleton(store);
}
