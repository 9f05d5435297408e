using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>Registers bearer-token authentication as Open edX issues tokens, and the API's policies.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddOpenEdxJwtAuth(this IServiceCollection services)
    {
        // Options, checked at start: a missing secret stops the host rather than rejecting every request.
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<IOptions<JwtOptions>>().Value, sp.GetRequiredService<TimeProvider>()));

        // Authentication: claim names stay as Open edX writes them (no mapping to WS-* URIs). Accepted tokens are kept
        // (Api:TokenCache) so a client's repeated token is not parsed and its signature not recomputed every request.
        services.AddOptions<TokenCacheOptions>().BindConfiguration(TokenCacheOptions.Section)
            .Validate(o => o.MaxEntries >= 0, "Api:TokenCache:MaxEntries must be 0 or more.").ValidateOnStart();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, IOptions<TokenCacheOptions>, TimeProvider>((bearer, jwt, tokenCache, time) =>
            {
                bearer.MapInboundClaims = false;
                bearer.SaveToken = false; // nothing reads the raw token back from the authentication properties
                bearer.TokenValidationParameters = TokenIssuer.ValidationParameters(jwt.Value);
                if (tokenCache.Value.MaxEntries == 0)
                    return;
                for (var i = 0; i < bearer.TokenHandlers.Count; i++)
                    bearer.TokenHandlers[i] = new CachingTokenHandler(bearer.TokenHandlers[i], time, tokenCache.Value.MaxEntries);
            });

        // Authorization: authenticated by default; ops endpoints opt out with AllowAnonymous.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiPolicies.Administrator, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => OpenEdxClaims.IsAdministrator(context.User)))
            .AddPolicy(ApiPolicies.CoursePublisher, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => OpenEdxClaims.IsAdministrator(context.User) || OpenEdxClaims.HasScope(context.User, ApiPolicies.PublishScope)))
            .AddPolicy(ApiPolicies.OwnUserOrAdministrator, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => ApiPolicies.IsOwnUserOrAdministrator(
                    context.User, (context.Resource as HttpContext)?.GetRouteValue(ApiPolicies.UsernameRouteValue) as string)));
        return services;
    }
}
