using Actors.Grains.Storage.Identity;
using Actors.Grains.Storage.Migrations;
using Actors.Grains.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Actors.Grains.Storage;

/// <summary>
/// Wires a silo's storage: grain state and reminders through Orleans' ADO.NET providers on PostgreSQL or the embedded
/// SQLite file, our schema (module <c>orleans</c>, then <c>openedx</c>) migrated at silo start before any provider
/// initialises, and the learner tables' <see cref="IStudentStore"/>. Also ADO.NET membership on PostgreSQL for silos
/// and clients. See <c>docs/storage-schema.md</c>.
/// </summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>The name of the PostgreSQL connection string (<c>ConnectionStrings:Actors</c>). When it is set the silo
    /// stores everything in PostgreSQL, else in the SQLite file <see cref="StorageOptions.SqlitePath"/>.</summary>
    public const string ConnectionStringName = "Actors";

    /// <summary>The ADO.NET invariant of PostgreSQL (loads <c>Npgsql.NpgsqlFactory</c>).</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The ADO.NET invariant under which Orleans loads Microsoft.Data.Sqlite's factory.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The name of Orleans' ADO.NET grain storage itself; grains reach it only through the default provider,
    /// which qualifies state names by grain type (<see cref="TypeQualifiedGrainStorage"/>).</summary>
    public const string AdoNetGrainStorageName = "Actors.AdoNet";

    /// <summary>
    /// Stores grain state, reminders and the learner tables in PostgreSQL when <c>ConnectionStrings:Actors</c> is set,
    /// else in the SQLite file at <c>Actors:Storage:SqlitePath</c> (default <c>data/actors.db</c>). Registers:
    /// <list type="bullet">
    /// <item>the default grain storage (<see cref="ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME"/>, used by
    /// <c>[PersistentState("name")]</c>): Orleans' ADO.NET grain storage behind <see cref="TypeQualifiedGrainStorage"/>,
    /// serializing state with System.Text.Json;</item>
    /// <item>Orleans' ADO.NET reminder service on the same database;</item>
    /// <item>the schema migrations, applied at silo start before membership and the providers initialise, retried
    /// while the database fails transiently;</item>
    /// <item>the <see cref="NpgsqlDataSource"/> or <see cref="SqliteStore"/> singleton and the matching
    /// <see cref="IStudentStore"/> (each unless the host registered one already).</item>
    /// </list>
    /// </summary>
    public static ISiloBuilder UseActorsStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SystemTextJsonGrainStorageSerializer>();

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
            UsePostgres(silo, connectionString);
        else
            UseSqlite(silo);

        services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (sp, _) => new TypeQualifiedGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(AdoNetGrainStorageName)));
        return silo;
    }

    /// <summary>Uses Orleans' ADO.NET membership on the PostgreSQL database of <paramref name="connectionString"/>
    /// (<c>ClusterOptions.ClusterId</c> is the deployment). The silo applies the <c>orleans</c> schema module to that
    /// database at start, before membership initialises.</summary>
    public static ISiloBuilder UseActorsPostgresClustering(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });
        silo.Services.TryAddSingleton(TimeProvider.System);
        AddMigrations(silo.Services, _ => new PostgresSchemaTarget(connectionString, [SchemaModule.Orleans]));
        return silo;
    }

    /// <summary>Finds the cluster's gateways in Orleans' ADO.NET membership on the PostgreSQL database of
    /// <paramref name="connectionString"/>. The client only reads; the silos create the schema.</summary>
    public static IClientBuilder UseActorsPostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });
    }

    private static void UsePostgres(ISiloBuilder silo, string connectionString)
    {
        var services = silo.Services;
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton<IStudentStore>(sp => new PostgresStudentStore(sp.GetRequiredService<NpgsqlDataSource>()));
        AddMigrations(services, sp => new PostgresSchemaTarget(sp.GetRequiredService<NpgsqlDataSource>(), SchemaModule.All));

        silo.AddAdoNetGrainStorage(AdoNetGrainStorageName, builder => builder.Configure<NpgsqlDataSource, SystemTextJsonGrainStorageSerializer>(
            (options, dataSource, serializer) =>
            {
                options.Invariant = PostgresInvariant;
                options.DataSource = dataSource;
                options.GrainStorageSerializer = serializer;
            }));
        silo.UseAdoNetReminderService(builder => builder.Configure<NpgsqlDataSource>((options, dataSource) =>
        {
            options.Invariant = PostgresInvariant;
            options.DataSource = dataSource;
        }));
    }

    private static void UseSqlite(ISiloBuilder silo)
    {
        var services = silo.Services;
        services.TryAddSingleton(sp => new SqliteStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath));
        services.TryAddSingleton<IStudentStore>(sp => new SqliteStudentStore(sp.GetRequiredService<SqliteStore>()));
        AddMigrations(services, sp => new SqliteSchemaTarget(sp.GetRequiredService<SqliteStore>(), SchemaModule.All));

        silo.AddAdoNetGrainStorage(AdoNetGrainStorageName, builder => builder.Configure<SqliteStore, SystemTextJsonGrainStorageSerializer>(
            (options, store, serializer) =>
            {
                options.Invariant = SqliteInvariant;
                options.ConnectionString = store.ConnectionString;
                options.GrainStorageSerializer = serializer;
            }));
        silo.UseAdoNetReminderService(builder => builder.Configure<SqliteStore>((options, store) =>
        {
            options.Invariant = SqliteInvariant;
            options.ConnectionString = store.ConnectionString;
        }));
    }

    private static void AddMigrations(IServiceCollection services, Func<IServiceProvider, ISchemaTarget> target) =>
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new SchemaMigrationParticipant(
            target(sp), sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SchemaMigrationParticipant>>()));
}
