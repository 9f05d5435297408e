namespace Actors.Api.Mobile;

/// <summary>Registers the mobile API's settings (<see cref="MobileOptions"/>, checked at start) and <see cref="MobileCourses"/>.</summary>
internal static class MobileServiceCollectionExtensions
{
    public static IServiceCollection AddMobileApi(this IServiceCollection services)
    {
        services.AddOptions<MobileOptions>().BindConfiguration(MobileOptions.Section)
            .Validate(o => o.DefaultPageSize > 0, "Api:Mobile:DefaultPageSize must be positive.")
            .Validate(o => o.MaxPageSize >= o.DefaultPageSize, "Api:Mobile:MaxPageSize must be at least Api:Mobile:DefaultPageSize.")
            .ValidateOnStart();
        services.AddSingleton<MobileCourses>();
        return services;
    }
}
