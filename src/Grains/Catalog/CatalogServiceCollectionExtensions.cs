using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Orleans.Hosting;

namespace Actors.Grains.Catalog;

/// <summary>Registers the catalog sync on a silo.</summary>
internal static class CatalogServiceCollectionExtensions
{
    /// <summary>The configuration section of Orleans' <see cref="ReminderOptions"/> (the tests shorten
    /// <c>MinimumReminderPeriod</c> through it; production keeps Orleans' 1 min).</summary>
    public const string ReminderSectionName = "Actors:Reminders";

    /// <summary>
    /// <see cref="CatalogOptions"/> from <c>Catalog</c>; the discovery client through <c>IHttpClientFactory</c> with the
    /// standard resilience pipeline (our defaults, then <c>Catalog:Resilience</c>); the start-up participant that
    /// registers the reminder; and Orleans' <see cref="ReminderOptions"/> from <c>Actors:Reminders</c>.
    /// </summary>
    public static IServiceCollection AddCatalogSync(this IServiceCollection services)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName)
            .Validate(o => o.ApiUrl is null || (o.ApiUrl.IsAbsoluteUri && (o.ApiUrl.Scheme == Uri.UriSchemeHttp || o.ApiUrl.Scheme == Uri.UriSchemeHttps)),
                "Catalog:ApiUrl must be an absolute http(s) URL.")
            .Validate(o => o.PageSize is > 0 and <= 1000, "Catalog:PageSize must be 1 to 1000.")
            .Validate(o => o.SyncPeriod > TimeSpan.Zero && o.FirstSyncDelay >= TimeSpan.Zero, "Catalog:SyncPeriod must be positive and FirstSyncDelay 0 or more.")
            .Validate(o => o.PagesAhead is 0 or 1, "Catalog:PagesAhead must be 0 or 1.")
            .Validate(o => o.ApplyConcurrency > 0 && o.RecentRuns > 0 && o.MaxPages > 0, "Catalog:ApplyConcurrency, RecentRuns and MaxPages must be positive.")
            .Validate(o => o.RegistrationAttempts > 0 && o.RegistrationRetryDelay >= TimeSpan.Zero,
                "Catalog:RegistrationAttempts must be positive and RegistrationRetryDelay 0 or more.")
            .ValidateOnStart();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderSectionName);

        services.AddHttpClient(DiscoveryClient.ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline's timeouts govern
                client.MaxResponseContentBufferSize = 64 * 1024 * 1024;
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                CatalogOptions.ApplyDefaults(resilience);
                provider.GetService<IConfiguration>()?.GetSection(CatalogOptions.ResilienceSectionName).Bind(resilience);
            });
        services.AddSingleton<DiscoveryClient>();
        services.AddSingleton<CatalogSyncScheduler>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<CatalogSyncScheduler>());
        return services;
    }
}
