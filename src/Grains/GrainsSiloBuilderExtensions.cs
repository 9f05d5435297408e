using Actors.Grains.Courses;
using Actors.Grains.Diagnostics;
using Actors.Grains.Storage;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Providers;

namespace Actors.Grains;

/// <summary>Adds what the Open edX grains of this assembly need to an Orleans silo. Orleans finds the grain classes
/// themselves through the code generated for this assembly; both hosts (the API's embedded silo and <c>src/Silo</c>)
/// call this, so they serve the same grains.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>Registers the grains' options and services: the course options, the clock (a <see cref="TimeProvider"/>
    /// registered earlier, a fake one in tests, wins), the per-method call statistics (<see cref="GrainCallStatistics"/>), and the <see cref="IStudentStore"/> that follows the silo's
    /// database: PostgreSQL when the silo has an <see cref="NpgsqlDataSource"/>, else SQLite when it has a
    /// <see cref="SqliteStore"/>, else memory. The choice is made at first use.</summary>
    public static ISiloBuilder AddOpenEdxGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IStudentStore>(SelectStudentStore);
        silo.Services.AddCourses();
        silo.Services.TryAddSingleton<GrainCallStatistics>();
        silo.Services.AddKeyedSingleton<IControllable>(GrainCallStatistics.ServiceKey, (sp, _) => sp.GetRequiredService<GrainCallStatistics>());
        silo.AddIncomingGrainCallFilter<GrainCallStatisticsFilter>();
        return silo;
    }

    private static IStudentStore SelectStudentStore(IServiceProvider services) =>
        services.GetService<NpgsqlDataSource>() is { } dataSource ? new PostgresStudentStore(dataSource)
        : services.GetService<SqliteStore>() is { } sqlite ? new SqliteStudentStore(new Storage.Sqlite.SqliteStore(sqlite.DatabasePath))
        : new MemoryStudentStore();
}
