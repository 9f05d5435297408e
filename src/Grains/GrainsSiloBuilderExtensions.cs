using Actors.Grains.Courses;
using Actors.Grains.Storage;
using Actors.Runtime.Hosting;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Actors.Grains;

/// <summary>Adds the Open edX grains of this assembly to a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>The name under which this assembly's tables are migrated (recorded in <c>actors_schema_migrations</c>).</summary>
    public const string SchemaModuleName = "openedx";

    /// <summary>Registers this assembly's grain classes with the silo, its tables (migrations under
    /// <c>Storage/{Postgres,Sqlite}/Migrations</c>, applied at start by whichever database the silo uses), and the
    /// <see cref="IStudentStore"/> that follows the silo's database: PostgreSQL when the silo has an
    /// <see cref="NpgsqlDataSource"/>, else SQLite when it has a <see cref="SqliteStore"/>, else memory. The choice is made
    /// at first use, so this may be called before or after <c>UsePostgres</c>/<c>UseSqlite</c>. Both hosts (the API's
    /// embedded silo and <c>src/Silo</c>) call this, so they serve the same grains.</summary>
    public static SiloBuilder AddOpenEdxGrains(this SiloBuilder builder)
    {
        var assembly = typeof(GrainsSiloBuilderExtensions).Assembly;
        builder.AddGrainAssembly(assembly);
        builder.AddSchemaModule(SchemaModuleName, assembly);
        builder.Services.TryAddSingleton<IStudentStore>(SelectStudentStore);
        builder.AddCourses();
        return builder;
    }

    private static IStudentStore SelectStudentStore(IServiceProvider services) =>
        services.GetService<NpgsqlDataSource>() is { } dataSource ? new PostgresStudentStore(dataSource)
        : services.GetService<SqliteStore>() is { } sqlite ? new SqliteStudentStore(new Storage.Sqlite.SqliteStore(sqlite.DatabasePath))
        : new MemoryStudentStore();
}
