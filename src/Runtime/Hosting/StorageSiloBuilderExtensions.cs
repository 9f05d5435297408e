using Actors.Runtime.Membership;
using Actors.Runtime.Persistence;
using Actors.Runtime.Reminders;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Runtime.Hosting;

/// <summary>Chooses where a silo keeps grain state, reminders and membership.</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>The configuration key of the PostgreSQL connection string (<c>ConnectionStrings:Actors</c>; environment
    /// variable <c>ConnectionStrings__Actors</c>).</summary>
    public const string ConnectionStringName = "Actors";

    /// <summary>
    /// The embedded default and its switch: with a PostgreSQL connection string in <c>ConnectionStrings:Actors</c>,
    /// every provider uses PostgreSQL; without one, state and reminders go to the SQLite file
    /// <see cref="StorageOptions.SqlitePath"/> (<c>data/actors.db</c>).
    /// </summary>
    public static SiloBuilder UseConfiguredStorage(this SiloBuilder builder, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
            return builder.UsePostgres(connectionString);
        if (configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>()?.Enabled == true)
        {
            throw new InvalidOperationException(
                $"{ClusterOptions.Section}:Enabled is true but ConnectionStrings:{ConnectionStringName} is not set: a cluster keeps its " +
                "membership table, grain state and reminders in PostgreSQL, shared by every silo.");
        }

        var path = configuration.GetSection("Actors:Storage").Get<StorageOptions>()?.SqlitePath ?? new StorageOptions().SqlitePath;
        return builder.UseSqlite(path);
    }

    /// <summary>Keeps grain state (default provider), reminders and membership in PostgreSQL, through one
    /// <see cref="NpgsqlDataSource"/> per silo; the schema is migrated at start.</summary>
    public static SiloBuilder UsePostgres(this SiloBuilder builder, string connectionString)
    {
        var services = builder.Services;
        AddStorageOptions(services);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddHostedService(sp => new StorageStartup(
            Retry(sp, "PostgreSQL", PostgresErrors.IsTransient),
            ct => PostgresMigrations.ApplyAsync(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<SchemaModules>().All, Logger(sp), ct)));
        services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorage, (sp, _) => ActivatorUtilities.CreateInstance<PostgresGrainStorage>(sp));
        services.Replace(ServiceDescriptor.Singleton<IReminderTable>(sp => ActivatorUtilities.CreateInstance<PostgresReminderTable>(sp)));
        services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(sp => ActivatorUtilities.CreateInstance<PostgresMembershipTable>(sp)));
        return builder;
    }

    /// <summary>Keeps grain state (default provider) and reminders in the SQLite file <paramref name="databasePath"/>
    /// (WAL mode); the schema is migrated at start. For the single-silo embedded default.</summary>
    public static SiloBuilder UseSqlite(this SiloBuilder builder, string databasePath)
    {
        var services = builder.Services;
        AddStorageOptions(services);
        services.AddSingleton(_ => new SqliteStore(databasePath));
        services.AddHostedService(sp => new StorageStartup(
            Retry(sp, "SQLite", SqliteErrors.IsTransient),
            ct => SqliteMigrations.ApplyAsync(sp.GetRequiredService<SqliteStore>(), sp.GetRequiredService<SchemaModules>().All, Logger(sp), ct)));
        services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorage, (sp, _) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(sp));
        services.Replace(ServiceDescriptor.Singleton<IReminderTable>(sp => ActivatorUtilities.CreateInstance<SqliteReminderTable>(sp)));
        return builder;
    }

    private static void AddStorageOptions(IServiceCollection services) =>
        services.AddOptions<StorageOptions>().BindConfiguration("Actors:Storage")
            .Validate(o => o.ReadAttempts >= 1, "Actors:Storage:ReadAttempts must be at least 1.")
            .Validate(o => o.InitialBackoff > TimeSpan.Zero && o.MaxBackoff >= o.InitialBackoff,
                "Actors:Storage:InitialBackoff must be positive and no larger than Actors:Storage:MaxBackoff.")
            .ValidateOnStart();

    private static StorageRetry Retry(IServiceProvider services, string store, Func<Exception, bool> isTransient) =>
        new(store, isTransient, services.GetRequiredService<IOptions<StorageOptions>>().Value,
            services.GetRequiredService<TimeProvider>(), Logger(services));

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Actors.Runtime.Storage");
}
