using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Actors.Api.Hosting;

/// <summary>Where the API listens and what it accepts.</summary>
internal static class HostingExtensions
{
    /// <summary>The address of the embedded default, used only when nothing else says where to listen.</summary>
    public const string DefaultAddress = "http://127.0.0.1:5080";

    /// <summary>Listens on <see cref="DefaultAddress"/> unless an address is configured the usual ASP.NET Core ways:
    /// <c>--urls</c>, <c>ASPNETCORE_URLS</c>/<c>DOTNET_URLS</c>, <c>urls</c> in configuration,
    /// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, or <c>Kestrel:Endpoints</c>.</summary>
    public static WebApplicationBuilder ListenOnDefaultAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (!IsAddressConfigured(builder.Configuration))
            builder.WebHost.UseUrls(DefaultAddress);
        return builder;
    }

    /// <summary>Whether <paramref name="configuration"/> names an address to listen on.</summary>
    internal static bool IsAddressConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"])
        || !string.IsNullOrEmpty(configuration["http_ports"])
        || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>Binds <see cref="ApiLimitsOptions"/> and applies them to Kestrel.</summary>
    public static IServiceCollection AddApiLimits(this IServiceCollection services)
    {
        services.AddOptions<ApiLimitsOptions>().BindConfiguration(ApiLimitsOptions.Section)
            .Validate(o => o.MaxRequestBodyBytes > 0, "Api:Limits:MaxRequestBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiLimitsOptions>>(
            (kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        return services;
    }
}
