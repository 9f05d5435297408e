using Microsoft.AspNetCore.Routing;

namespace Actors.Api.ErrorHandling;

/// <summary>Registers problem-details answers for every error.</summary>
internal static class ErrorHandlingServiceCollectionExtensions
{
    /// <summary>Problem details for exceptions (<see cref="ApiExceptionHandler"/>) and, with <c>UseStatusCodePages</c>,
    /// for bodiless errors such as 401, 403 and 404.</summary>
    public static IServiceCollection AddApiErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();

        // Binding failures (malformed JSON, a query value of the wrong type, a body over the size limit) throw in every
        // environment, so ApiExceptionHandler can name the offending field; the framework's default outside Development
        // is an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
