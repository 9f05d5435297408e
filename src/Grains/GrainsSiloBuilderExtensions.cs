using Actors.Grains.Catalog;
using Actors.Grains.Courses;
using Actors.Grains.Diagnostics;
using Actors.Grains.Storage;
using Actors.Grains.Students.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;

namespace Actors.Grains;

/// <summary>Adds what the Open edX grains of this assembly need to an Orleans silo. Orleans finds the grain classes
/// themselves through the code generated for this assembly; both hosts (the API's embedded silo and <c>src/Silo</c>)
/// call this, so they serve the same grains.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>Registers the grains' options and services: the course options and rebuild tracker, the catalog sync
    /// (<see cref="CatalogOptions"/>, its discovery client and the start-up registration of its reminder), the learner state
    /// options (<see cref="StudentStateOptions"/>), the clock (a
    /// <see cref="TimeProvider"/> registered earlier, a fake one in tests, wins), the per-method call statistics
    /// (<see cref="GrainCallStatistics"/> and its call filter), the control commands' types (which the crawlers grain sends
    /// to every silo, <see cref="ControlCommandTypes"/>), and — unless storage registered one before
    /// (<see cref="StorageSiloBuilderExtensions.UseActorsStorage"/>, so call that first) — an in-memory
    /// <see cref="IStudentStore"/>.</summary>
    public static ISiloBuilder AddOpenEdxGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IStudentStore, MemoryStudentStore>();
        silo.Services.AddCourses();
        silo.Services.AddStudents();
        silo.Services.AddCatalogSync();
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<GrainCallMeters>();
        silo.Services.TryAddSingleton<GrainCallStatistics>();
        silo.Services.AddKeyedSingleton<IControllable>(GrainCallStatistics.ServiceKey, (sp, _) => sp.GetRequiredService<GrainCallStatistics>());
        silo.AddIncomingGrainCallFilter<GrainCallStatisticsFilter>();
        silo.Services.AllowControlCommandTypes();
        return silo;
    }
}
